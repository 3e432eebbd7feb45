import { ApiError, type StatusCause } from '../sim-api';

/** Webhook names as registered by the operators (what the apiserver quotes in a denial). */
export const WEBHOOKS = {
  // HCO v1.18 serves v1 and v1beta1 with one webhook each; the plugin (and the simulator) use v1beta1.
  hcoValidate: 'validate-hco-v1beta1.kubevirt.io',
  hcoMutate: 'mutate-hyperconverged-hco-v1beta1.kubevirt.io',
  dataVolumeValidate: 'datavolume-validate.cdi.kubevirt.io',
  // CDI v1.65.0 pkg/operator/resources/cluster/apiserver.go:647 (MutatingWebhookConfiguration cdi-api-datavolume-mutate).
  dataVolumeMutate: 'datavolume-mutate.cdi.kubevirt.io',
  dataImportCronValidate: 'dataimportcron-validate.cdi.kubevirt.io',
  cdiValidate: 'cdi-validate.cdi.kubevirt.io',
  hppValidate: 'validate-hostpath-provisioner.kubevirt.io',
} as const;

const deniedBy = (webhook: string) => `admission webhook "${webhook}" denied the request`;

/**
 * A denial from a controller-runtime webhook (HCO, HPP): `admission.Denied(msg)` answers 403 Forbidden, and
 * the apiserver prefixes the message with the webhook name.
 */
export function controllerRuntimeDenial(webhook: string, message: string): ApiError {
  return new ApiError(403, 'Forbidden', `${deniedBy(webhook)}: ${message}`);
}

/**
 * A denial from CDI's own admission framework (`toRejectedAdmissionResponse`): 422 with no reason, the
 * message is every cause's message each preceded by a space (hence the double space after the colon).
 */
export function cdiDenial(webhook: string, causes: StatusCause[]): ApiError {
  const message = causes.map((c) => ` ${c.message}`).join('');
  return new ApiError(422, '', `${deniedBy(webhook)}: ${message}`, causes);
}

/** CDI's `toAdmissionResponseError(err)` (handler.go:186-193): 400, no reason, the error's text as message. */
export function cdiErrorResponse(webhook: string, message: string): ApiError {
  return new ApiError(400, '', `${deniedBy(webhook)}: ${message}`);
}

/** A rejection returned by another API call inside a webhook (passed through with its own status). */
export function nestedDenial(webhook: string, inner: ApiError): ApiError {
  return new ApiError(inner.code, inner.reason, `${deniedBy(webhook)}: ${inner.message}`, inner.causes);
}
