import jsonpatch, { type Operation } from 'fast-json-patch';
import type { Controller, K8sObject, SimContext } from '../sim-api';
import { eventRecorder } from './events';
import { dataImportSchedule, effectiveTemplates } from './golden-images';
import {
  CDI_NAME,
  CDI_VERSION,
  HCO_VERSION,
  clone,
  eventDriven,
  jsonEqual,
  mutateObject,
  setCondition,
  timestamp,
  type Condition,
} from './util';

/**
 * HCO's visible effects (controllers/handlers/cdi.go, hyperconverged_controller.go): it renders the CDI CR
 * from the HyperConverged spec (reverting out-of-band edits), and keeps the HyperConverged status.
 */

export const ANN_CDI_JSONPATCH = 'containerizeddataimporter.kubevirt.io/jsonpatch';
const JSONPATCH_ANNOTATIONS = [
  'kubevirt.kubevirt.io/jsonpatch',
  ANN_CDI_JSONPATCH,
  'networkaddonsconfigs.kubevirt.io/jsonpatch',
  'ssp.kubevirt.io/jsonpatch',
];
const CDI_FEATURE_GATES = ['HonorWaitForFirstConsumer', 'DataVolumeClaimAdoption', 'WebhookPvcRendering'];
const WORKLOAD_ARCHS = ['amd64'];

const CDI_LABELS = {
  app: 'kubevirt-hyperconverged',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'hco-operator',
  'app.kubernetes.io/part-of': 'hyperconverged-cluster',
};

function nodePlacement(placement: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!placement) return {};
  const out: Record<string, unknown> = {};
  for (const key of ['nodeSelector', 'affinity', 'tolerations'])
    if (placement[key]) out[key] = clone(placement[key]);
  return out;
}

/** The CDI spec HCO wants for this HyperConverged, with the unsupported jsonpatch annotation applied. */
export function desiredCdiSpec(hc: K8sObject): Record<string, unknown> {
  const spec = hc.spec ?? {};
  const config: Record<string, unknown> = { featureGates: [...CDI_FEATURE_GATES] };
  if (spec.filesystemOverhead) config.filesystemOverhead = clone(spec.filesystemOverhead);
  if (spec.storageImport?.insecureRegistries?.length) {
    config.insecureRegistries = [...spec.storageImport.insecureRegistries];
  }
  if (spec.resourceRequirements?.storageWorkloads) {
    config.podResourceRequirements = clone(spec.resourceRequirements.storageWorkloads);
  }
  if (spec.scratchSpaceStorageClass) config.scratchSpaceStorageClass = spec.scratchSpaceStorageClass;
  if (spec.logVerbosityConfig?.cdi !== undefined) config.logVerbosity = spec.logVerbosityConfig.cdi;
  config.tlsSecurityProfile = clone(spec.tlsSecurityProfile ?? { type: 'Intermediate', intermediate: {} });
  const cdiSpec: Record<string, unknown> = {
    certConfig: clone(
      spec.certConfig ?? {
        ca: { duration: '48h0m0s', renewBefore: '24h0m0s' },
        server: { duration: '24h0m0s', renewBefore: '12h0m0s' },
      },
    ),
    config,
    infra: nodePlacement(spec.infra?.nodePlacement),
    uninstallStrategy: spec.uninstallStrategy ?? 'BlockUninstallIfWorkloadsExist',
    workload: nodePlacement(spec.workloads?.nodePlacement),
  };
  const patchText = hc.metadata.annotations?.[ANN_CDI_JSONPATCH];
  if (!patchText) return cdiSpec;
  const patched = applyUnsupportedPatch({ spec: cdiSpec }, patchText);
  return patched?.spec ?? cdiSpec;
}

/** Applies a jsonpatch annotation; an unusable patch is ignored, as HCO logs and skips it. */
function applyUnsupportedPatch(doc: { spec: Record<string, unknown> }, text: string) {
  let ops: Operation[];
  try {
    ops = JSON.parse(text) as Operation[];
  } catch {
    return undefined; // not JSON: HCO ignores the annotation
  }
  if (!Array.isArray(ops) || jsonpatch.validate(ops, doc)) return undefined;
  return jsonpatch.applyPatch(clone(doc), ops, false, false).newDocument;
}

/** HCO's event recorder (GetEventRecorderFor(HyperConvergedName)); operand events go on the HyperConverged. */
const recordHcoEvent = eventRecorder('kubevirt-hyperconverged');

/** What HCO wanted the CDI spec to be last time, to tell its own updates from reverted edits. */
interface HcoMemo {
  lastDesired?: Record<string, unknown>;
}

function reconcileCdi(ctx: SimContext, hc: K8sObject, memo: HcoMemo): void {
  const spec = desiredCdiSpec(hc);
  const hcoTriggered = memo.lastDesired === undefined || !jsonEqual(memo.lastDesired, spec);
  memo.lastDesired = spec;
  const now = timestamp(ctx);
  const existing = ctx.store.get('CDI', CDI_NAME);
  const status = (old: K8sObject | undefined) => {
    let conditions = setCondition(
      old?.status?.conditions,
      { type: 'Available', status: 'True', reason: 'DeployCompleted', message: 'Deployment Completed' },
      now,
      true,
    );
    conditions = setCondition(conditions, { type: 'Progressing', status: 'False' }, now, true);
    conditions = setCondition(conditions, { type: 'Degraded', status: 'False' }, now, true);
    return {
      ...old?.status,
      conditions,
      observedVersion: CDI_VERSION,
      operatorVersion: CDI_VERSION,
      targetVersion: CDI_VERSION,
      phase: 'Deployed',
    };
  };
  if (!existing) {
    ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'CDI',
      metadata: {
        name: CDI_NAME,
        labels: { ...CDI_LABELS },
        annotations: { 'cdi.kubevirt.io/configAuthority': '' },
      },
      spec,
      status: status(undefined),
    });
    recordHcoEvent(ctx, hc, 'Normal', 'Created', `Created CDI ${CDI_NAME}`);
    return;
  }
  // operands/operandHandler.go: "Updated" when HCO changed it, a Warning "Overwritten" when it put back an edit.
  const specChanged =
    !jsonEqual(existing.spec, spec) ||
    Object.entries(CDI_LABELS).some(([k, v]) => existing.metadata.labels?.[k] !== v) ||
    existing.metadata.annotations?.['cdi.kubevirt.io/configAuthority'] === undefined;
  if (specChanged) {
    if (hcoTriggered) recordHcoEvent(ctx, hc, 'Normal', 'Updated', `Updated CDI ${CDI_NAME}`);
    else recordHcoEvent(ctx, hc, 'Warning', 'Overwritten', `Overwritten CDI ${CDI_NAME}`);
  }
  // Out-of-band edits of the spec or of HCO's labels are put back, as HCO does on every reconcile.
  mutateObject(ctx.store, existing, (cdi) => {
    cdi.spec = spec;
    cdi.metadata.labels = { ...cdi.metadata.labels, ...CDI_LABELS };
    cdi.metadata.annotations = { ...cdi.metadata.annotations, 'cdi.kubevirt.io/configAuthority': '' };
    cdi.status = status(cdi);
  });
}

function hcStatus(ctx: SimContext, hc: K8sObject): Record<string, unknown> {
  const now = timestamp(ctx);
  const generation = hc.metadata.generation ?? 1;
  const tainted = JSONPATCH_ANNOTATIONS.some((a) => hc.metadata.annotations?.[a] !== undefined);
  const ok = {
    reason: 'ReconcileCompleted',
    message: 'Reconcile completed successfully',
    observedGeneration: generation,
  };
  const unsupported = {
    reason: 'UnsupportedFeatureAnnotation',
    message: 'Unsupported feature was activated via an HCO annotation',
    observedGeneration: generation,
  };
  let conditions: Condition[] = hc.status?.conditions ?? [];
  conditions = setCondition(conditions, { type: 'ReconcileComplete', status: 'True', ...ok }, now);
  conditions = setCondition(conditions, { type: 'Available', status: 'True', ...ok }, now);
  conditions = setCondition(conditions, { type: 'Progressing', status: 'False', ...ok }, now);
  conditions = setCondition(conditions, { type: 'Degraded', status: 'False', ...ok }, now);
  conditions = setCondition(
    conditions,
    { type: 'Upgradeable', ...(tainted ? { status: 'False', ...unsupported } : { status: 'True', ...ok }) },
    now,
  );
  conditions = tainted
    ? setCondition(conditions, { type: 'TaintedConfiguration', status: 'True', ...unsupported }, now)
    : conditions.filter((c) => c.type !== 'TaintedConfiguration');
  const schedule: string =
    hc.status?.dataImportSchedule ?? dataImportSchedule(hc.metadata.uid ?? hc.metadata.name ?? '');
  return {
    ...hc.status,
    conditions,
    dataImportSchedule: schedule,
    dataImportCronTemplates: effectiveTemplates(hc, schedule, WORKLOAD_ARCHS, now),
    infrastructureHighlyAvailable: true,
    nodeInfo: { controlPlaneArchitectures: [...WORKLOAD_ARCHS], workloadsArchitectures: [...WORKLOAD_ARCHS] },
    observedGeneration: generation,
    relatedObjects: hc.status?.relatedObjects ?? [
      { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'CDI', name: CDI_NAME },
      {
        apiVersion: 'ssp.kubevirt.io/v1beta3',
        kind: 'SSP',
        name: 'ssp-kubevirt-hyperconverged',
        namespace: hc.metadata.namespace,
      },
    ],
    systemHealthStatus: 'healthy',
    versions: [{ name: 'operator', version: HCO_VERSION }],
  };
}

function reconcile(ctx: SimContext, memo: HcoMemo): void {
  const hc = ctx.store.list('HyperConverged')[0];
  if (!hc || hc.metadata.deletionTimestamp) return;
  reconcileCdi(ctx, hc, memo);
  const status = hcStatus(ctx, hc);
  if (!jsonEqual(status, hc.status)) mutateObject(ctx.store, hc, (draft) => (draft.status = status));
}

export function createHcoController(): Controller {
  const memo: HcoMemo = {};
  return eventDriven('hco', ['HyperConverged', 'CDI'], (ctx) => reconcile(ctx, memo));
}
