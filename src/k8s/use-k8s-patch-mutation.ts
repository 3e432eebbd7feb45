import {
  k8sPatch,
  type K8sModel,
  type K8sResourceCommon,
  type Patch,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { assertGuardedPatch } from './json-patch';

export interface PatchVariables<R extends K8sResourceCommon> {
  model: K8sModel;
  /** The object the patch was built against (names the object to patch). */
  resource: R;
  /** A patch built (and previewed) with `buildGuardedPatch`, usually through `useResourceForm`. */
  patch: Patch[];
}

/**
 * A react-query mutation that sends a guarded JSON patch with the SDK's `k8sPatch`. The watch brings the
 * new state, so nothing is invalidated. A patch that is empty or not led by a `test` op is refused before
 * anything is sent. Pages use `useResourceForm`, which builds the patch and handles conflicts.
 */
export const useK8sPatchMutation = <R extends K8sResourceCommon>(
  options: Omit<UseMutationOptions<R, unknown, PatchVariables<R>>, 'mutationFn'> = {},
) =>
  useMutation<R, unknown, PatchVariables<R>>({
    ...options,
    mutationFn: async ({ model, resource, patch }) => {
      assertGuardedPatch(patch);
      return k8sPatch<R>({ model, resource, data: patch });
    },
  });
