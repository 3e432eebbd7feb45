import type { AdmissionPlugin, K8sObject, SimContext, SubjectAccessReviewSpec } from '../sim-api';
import type { Json } from './util';
import { WEBHOOKS, cdiDenial, cdiErrorResponse } from './webhook-errors';

/**
 * CDI's clone authorization in its DataVolume mutating webhook (v1.65.0
 * pkg/apiserver/webhooks/datavolume-mutate.go:64-108, on CREATE and UPDATE): the requester (AdmissionReview
 * `userInfo`: user and groups as the apiserver authenticated them) must be allowed to clone from the source,
 * checked with SubjectAccessReviews. From the API module's
 * staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/authorize.go:43-99 (AuthorizeUser)
 * and authorize_utils.go (newCloneSourceHandler :29-80, CanUserClonePVC :144-165, CanUserCloneSnapshot :188-209,
 * sendSubjectAccessReviews* :231-305, the attributes :307-352). The clone token the webhook then adds is not
 * modelled (the simulated clone controller does not check one).
 */

const ANN_PRE_POPULATED = 'cdi.kubevirt.io/storage.prePopulated';
const ANN_CHECK_STATIC_VOLUME = 'cdi.kubevirt.io/storage.checkStaticVolume';

interface CloneSource {
  kind: 'pvc' | 'snapshot';
  name: string;
  namespace: string;
}

/** newCloneSourceHandler: `spec.source.pvc|snapshot`, else a DataSource `sourceRef` (its spec, or for a
 * DataSource-to-DataSource reference its status). `null` = not a clone, `undefined` = DataSource not found. */
function cloneSourceOf(ctx: SimContext, dv: K8sObject): CloneSource | null | undefined {
  const spec: Json = dv.spec ?? {};
  let pvc: Json | undefined;
  let snapshot: Json | undefined;
  if (spec.source) {
    pvc = spec.source.pvc;
    snapshot = pvc ? undefined : spec.source.snapshot;
  } else if (spec.sourceRef?.kind === 'DataSource') {
    const ds = ctx.store.get(
      'DataSource',
      spec.sourceRef.name,
      spec.sourceRef.namespace || dv.metadata.namespace,
    );
    if (!ds) return undefined;
    pvc = ds.spec?.source?.pvc;
    snapshot = ds.spec?.source?.snapshot;
    if (ds.spec?.source?.dataSource) {
      pvc = ds.status?.source?.pvc;
      snapshot = ds.status?.source?.snapshot;
    }
  }
  const ref = pvc ?? snapshot;
  if (!ref) return null;
  return {
    kind: pvc ? 'pvc' : 'snapshot',
    name: ref.name ?? '',
    namespace: ref.namespace || (dv.metadata.namespace ?? ''),
  };
}

/** getResourceAttributesPvc / getExplicit..., getImplicitResourceAttributesSnapshot (authorize_utils.go:307-352). */
const cloneSourceAttributes = (namespace: string, name: string) => ({
  verb: 'create',
  group: 'cdi.kubevirt.io',
  resource: 'datavolumes',
  subresource: 'source',
  name,
  namespace,
});
const podAttributes = (namespace: string, name: string) => ({
  verb: 'create',
  group: '',
  resource: 'pods',
  name,
  namespace,
});
// Upstream asks for resource "pvcs" (not "persistentvolumeclaims"), so only a `*` or a literal "pvcs" rule grants it.
const pvcsAttributes = (namespace: string, name: string) => ({
  ...podAttributes(namespace, name),
  resource: 'pvcs',
});

function userMayClone(
  ctx: SimContext,
  user: { username: string; groups: string[] },
  source: CloneSource,
): boolean {
  const sar = (resourceAttributes: SubjectAccessReviewSpec['resourceAttributes']) =>
    ctx.subjectAccessReview!({ user: user.username, groups: user.groups, resourceAttributes }).allowed;
  const { namespace, name } = source;
  if (source.kind === 'pvc')
    return sar(cloneSourceAttributes(namespace, name)) || sar(podAttributes(namespace, name));
  // Snapshots: explicitly allowed, or both implicit conditions hold.
  return (
    sar(cloneSourceAttributes(namespace, name)) ||
    (sar(podAttributes(namespace, name)) && sar(pvcsAttributes(namespace, name)))
  );
}

export const dataVolumeCloneAuthorizer: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'DataVolume' || req.subresource) return;
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
  const dv = req.object;
  // No user: the simulator's own write. Without a SAR answerer there is nothing to ask.
  if (!dv || dv.metadata.deletionTimestamp || !req.userInfo || !ctx.subjectAccessReview) return;
  const annotations = dv.metadata.annotations ?? {};
  const noTokenOkay = ANN_PRE_POPULATED in annotations || ANN_CHECK_STATIC_VOLUME in annotations;
  const source = cloneSourceOf(ctx, dv);
  if (source === undefined) {
    if (noTokenOkay) return;
    const ref = dv.spec.sourceRef;
    throw cdiErrorResponse(WEBHOOKS.dataVolumeMutate, `datasources.cdi.kubevirt.io "${ref.name}" not found`);
  }
  if (source === null) return;
  if (!ctx.store.get('Namespace', source.namespace)) {
    if (noTokenOkay) return;
    throw cdiErrorResponse(WEBHOOKS.dataVolumeMutate, `namespaces "${source.namespace}" not found`);
  }
  // CanUserClonePVC / CanUserCloneSnapshot: a clone within the namespace needs no check.
  if (source.namespace === dv.metadata.namespace) return;
  if (userMayClone(ctx, req.userInfo, source) || noTokenOkay) return;
  throw cdiDenial(WEBHOOKS.dataVolumeMutate, [
    {
      reason: 'FieldValueInvalid',
      message: `User ${req.userInfo.username} has insufficient permissions in clone source namespace ${source.namespace}`,
      field: 'spec.source.PVC.namespace',
    },
  ]);
};
