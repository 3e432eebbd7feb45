import {
  k8sCreate,
  k8sDelete,
  type K8sModel,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMutation } from '@tanstack/react-query';

/**
 * Creating and deleting whole objects, the engine's counterpart of guarded patches. A delete carries
 * preconditions on the uid and resourceVersion the user saw, so it never removes an object that was
 * replaced or changed since (the API answers 409 Conflict, shown to the user), just as a patch is guarded
 * by its `test` operations.
 */

export interface CreateVariables<R extends K8sResourceCommon> {
  model: K8sModel;
  data: R;
  /** Server-side dry run: validation and admission without storing anything. */
  dryRun?: boolean;
}

export const createObject = <R extends K8sResourceCommon>({ model, data, dryRun }: CreateVariables<R>) =>
  k8sCreate<R>({ model, data, ...(dryRun ? { queryParams: { dryRun: 'All' } } : {}) });

/** DeleteOptions that make the API refuse the delete unless the object is still the one the user saw. */
export const guardedDeleteOptions = (resource: K8sResourceCommon) => ({
  kind: 'DeleteOptions',
  apiVersion: 'v1',
  preconditions: {
    ...(resource.metadata?.uid ? { uid: resource.metadata.uid } : {}),
    ...(resource.metadata?.resourceVersion ? { resourceVersion: resource.metadata.resourceVersion } : {}),
  },
});

export interface DeleteVariables<R extends K8sResourceCommon> {
  model: K8sModel;
  /** The object as the user saw it: its uid and resourceVersion guard the delete. */
  resource: R;
}

export const deleteObject = <R extends K8sResourceCommon>({ model, resource }: DeleteVariables<R>) => {
  if (!resource.metadata?.uid) {
    // Without a uid the guard would be empty: refuse rather than delete whatever has that name now.
    throw new Error(`Refusing to delete ${model.kind} ${resource.metadata?.name ?? ''} without its uid`);
  }
  return k8sDelete<R>({ model, resource, json: guardedDeleteOptions(resource) });
};

export const useCreateObject = <R extends K8sResourceCommon>() =>
  useMutation<R, unknown, CreateVariables<R>>({ mutationFn: createObject });

export const useDeleteObject = <R extends K8sResourceCommon>() =>
  useMutation<R, unknown, DeleteVariables<R>>({ mutationFn: deleteObject });
