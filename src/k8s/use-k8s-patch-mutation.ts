import {
  k8sPatch,
  type K8sModel,
  type K8sResourceCommon,
  type Patch,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { assertGuardedPatch, buildGuardedPatch, type FieldChange, type PatchGuard } from './json-patch';

export type PatchVariables<R extends K8sResourceCommon> = {
  model: K8sModel;
  /** The object as the user last saw it (its resourceVersion / old values guard the patch). */
  resource: R;
  /** e.g. 'status'; unset for the main resource. */
  subresource?: string;
} & (
  | { /** A patch already built (and previewed) with `buildGuardedPatch`. */ patch: Patch[] }
  | { changes: readonly FieldChange[]; guard?: PatchGuard }
);

/** Builds the guarded patch a mutation would send, so a page can preview exactly that. */
export const patchFor = <R extends K8sResourceCommon>(vars: PatchVariables<R>): Patch[] =>
  'patch' in vars ? vars.patch : buildGuardedPatch(vars.resource, vars.changes, vars.guard);

/**
 * A react-query mutation that sends a guarded JSON patch with the SDK's `k8sPatch`. The watch brings the
 * new state, so nothing is invalidated. Show `mutation.error` with `<ErrorAlert error={...} />`.
 * A patch that is empty or lacks a `test` op is refused before anything is sent.
 */
export const useK8sPatchMutation = <R extends K8sResourceCommon>(
  options: Omit<UseMutationOptions<R, unknown, PatchVariables<R>>, 'mutationFn'> = {},
) =>
  useMutation<R, unknown, PatchVariables<R>>({
    ...options,
    mutationFn: async (vars) => {
      const data = patchFor(vars);
      assertGuardedPatch(data);
      return k8sPatch<R>({ model: vars.model, resource: vars.resource, data, path: vars.subresource });
    },
  });
