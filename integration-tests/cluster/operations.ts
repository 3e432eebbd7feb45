import { ApiError, type AdmissionRequest, type K8sObject, type SimContext, type World } from './sim-api';
import type { ResourceType } from './registry';
import type { Store } from './store';
import { generateName } from './store';
import { alreadyExists, badRequest, conflict, notFound } from './errors';
import { defaultObject, invalid, pruneObject, validateObject } from './validation';
import { applyPatch, type PatchType } from './patch';
import { clone, isPlainObject } from './util';
import { allocateService, defaultBuiltin, validateBuiltin } from './builtin-strategy';
import { admitBuiltin } from './builtin-admission';
import { admitPodSecurity, PRIVILEGED_DEFAULTS, type PodSecurityPolicy } from './pod-security';
import { guardRbacWrite } from './rbac-escalation';
import type { UserInfo } from './rbac';

/** Everything a write needs to know about its request. */
export interface WriteRequest {
  rt: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  user: string;
  /** Who asks, with groups (RBAC escalation checks); absent = the simulator itself (may do anything). */
  subject?: UserInfo;
  dryRun: boolean;
  /** Strict | Warn | Ignore (kubectl sends Strict; the apiserver's default is Warn). */
  fieldValidation: string;
  /** The name admission sees on a create: the body's, before generateName is resolved (defaults to `name`). */
  requestName?: string;
}

export interface WriteResult {
  object: K8sObject;
  warnings: string[];
  created?: boolean;
}

export interface OperationsDeps {
  store: Store;
  /** The current world (it is rebuilt on reset). */
  world: () => World;
  ctx: SimContext;
  /** PodSecurity admission's defaults for namespaces without labels (privileged:latest unless configured). */
  podSecurity?: PodSecurityPolicy;
  /** `obj` in `version` of its kind (the kind's conversion, or an apiVersion rewrite). */
  convert?: (rt: ResourceType, obj: K8sObject, version: string) => K8sObject;
  /** Whether the kind has a conversion between its versions (writes in other versions are converted). */
  converts?: (rt: ResourceType) => boolean;
}

function apiVersionOf(rt: ResourceType, version: string): string {
  return rt.group ? `${rt.group}/${version}` : version;
}

/** Shape checks every decoded body goes through (type meta, namespace, name). */
function normalizeBody(req: WriteRequest, body: unknown): K8sObject {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
  const obj = body as K8sObject;
  const gv = apiVersionOf(req.rt, req.version);
  if (obj.kind && obj.kind !== req.rt.kind) {
    throw badRequest(
      `the server could not handle a ${obj.kind} at the ${req.rt.plural} endpoint (expected kind ${req.rt.kind})`,
    );
  }
  if (obj.apiVersion && obj.apiVersion !== gv) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`,
    );
  }
  obj.apiVersion = gv;
  obj.kind = req.rt.kind;
  if (!isPlainObject(obj.metadata)) obj.metadata = {};
  if (req.rt.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== req.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = req.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

export class Operations {
  constructor(private readonly deps: OperationsDeps) {}

  /** A write in a version other than the storage version of a kind with a conversion. */
  private converting(req: WriteRequest): boolean {
    return req.version !== req.rt.storageVersion && !!this.deps.converts?.(req.rt);
  }

  /** The stored object as the request's version sees it. */
  private view(req: WriteRequest, stored: K8sObject): K8sObject {
    const gv = apiVersionOf(req.rt, req.version);
    if (stored.apiVersion === gv) return stored;
    return this.deps.convert ? this.deps.convert(req.rt, stored, req.version) : { ...stored, apiVersion: gv };
  }

  /**
   * A write in a non-storage version: decoded in its own version (pruned, defaulted, validated with that
   * version's schema: a bad value is 422 Invalid there), then converted to the storage version, in which
   * admission sees it and it is stored, as the apiserver does for a CRD with conversion. Returns the converted
   * object and the request as the storage version's (its unknown fields were reported already).
   */
  private toStorage(
    req: WriteRequest,
    obj: K8sObject,
    oldView: K8sObject | undefined,
    warnings: string[],
  ): { obj: K8sObject; req: WriteRequest } {
    if (!this.converting(req)) return { obj, req };
    this.checkUnknownFields(req, pruneObject(req.rt, req.version, obj), warnings);
    defaultObject(req.rt, req.version, obj);
    validateObject(req.rt, req.version, obj, oldView);
    return {
      obj: this.deps.convert!(req.rt, obj, req.rt.storageVersion),
      req: { ...req, version: req.rt.storageVersion, fieldValidation: 'Ignore' },
    };
  }

  private admit(phase: 'mutating' | 'validating', ar: AdmissionRequest, warnings: string[]): void {
    for (const plugin of this.deps.world()[phase]) {
      const res = plugin(ar, this.deps.ctx);
      if (res?.warnings) warnings.push(...res.warnings);
    }
  }

  private checkUnknownFields(req: WriteRequest, unknown: string[], warnings: string[]): void {
    if (!unknown.length) return;
    const list = unknown.map((u) => `unknown field "${u}"`);
    if (req.fieldValidation === 'Strict') {
      throw badRequest(
        `${req.rt.kind} in version "${req.version}" cannot be handled as a ${req.rt.kind}: strict decoding error: ${list.join(', ')}`,
      );
    }
    if (req.fieldValidation !== 'Ignore') warnings.push(...list);
  }

  /** decode (done) -> prune -> default -> mutating admission -> prune -> validate -> validating admission. */
  private admitAndValidate(
    req: WriteRequest,
    op: 'CREATE' | 'UPDATE',
    obj: K8sObject,
    old: K8sObject | undefined,
    warnings: string[],
  ): K8sObject {
    this.checkUnknownFields(req, pruneObject(req.rt, req.version, obj), warnings);
    defaultObject(req.rt, req.version, obj);
    if (req.rt.builtin) defaultBuiltin(req.rt.kind, obj, op);
    admitBuiltin(this.deps.store, op, req.rt.kind, req.subresource, obj);
    const ar: AdmissionRequest = {
      operation: op,
      kind: req.rt.kind,
      subresource: req.subresource,
      object: obj,
      oldObject: old ? clone(old) : undefined,
      user: req.user,
      ...(req.subject ? { userInfo: { username: req.user, groups: [...req.subject.groups] } } : {}),
      dryRun: req.dryRun,
    };
    this.admit('mutating', ar, warnings);
    const mutated = ar.object!;
    if (req.subject && req.subresource !== 'status')
      guardRbacWrite(this.deps.store, req.subject, req.rt, mutated, old, req.namespace);
    pruneObject(req.rt, req.version, mutated);
    if (req.rt.kind === 'Service' && !req.subresource) {
      // The Service REST storage allocates cluster IPs and node ports before the strategy validates.
      const errors = allocateService(mutated, old, this.deps.store.listRaw('Service'));
      if (errors.length) throw invalid(req.rt, mutated.metadata.name ?? '', errors);
    }
    validateObject(req.rt, req.version, mutated, old);
    if (req.rt.builtin && req.subresource !== 'status') {
      const errors = validateBuiltin(req.rt.kind, mutated, old);
      if (errors.length) throw invalid(req.rt, mutated.metadata.name ?? '', errors);
    }
    // In-tree validating admission (PodSecurity) runs before the validating webhooks, on dry runs too.
    warnings.push(
      ...admitPodSecurity(
        this.deps.store,
        {
          operation: op,
          kind: req.rt.kind,
          subresource: req.subresource,
          namespace: req.namespace,
          name: req.requestName ?? req.name ?? '',
          object: mutated,
          oldObject: old,
        },
        this.deps.podSecurity ?? PRIVILEGED_DEFAULTS,
      ),
    );
    this.admit('validating', { ...ar, object: mutated }, warnings);
    return mutated;
  }

  create(req: WriteRequest, body: unknown): WriteResult {
    const { store } = this.deps;
    const obj = normalizeBody(req, body);
    if (req.rt.namespaced && !store.getRaw('Namespace', req.namespace ?? '')) {
      throw new ApiError(404, 'NotFound', `namespaces "${req.namespace}" not found`, undefined, {
        name: req.namespace,
        kind: 'namespaces',
      });
    }
    const requestName = obj.metadata.name ?? '';
    if (!obj.metadata.name && obj.metadata.generateName)
      obj.metadata.name = generateName(obj.metadata.generateName);
    if (!obj.metadata.name) {
      throw invalid(req.rt, '', [
        { type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' },
      ]);
    }
    if (req.rt.statusSubresource) delete obj.status; // status is written through /status only
    if (req.rt.kind === 'Namespace') obj.status = { phase: 'Active' };
    const warnings: string[] = [];
    const stored = this.toStorage(req, obj, undefined, warnings);
    const admitted = this.admitAndValidate(
      { ...stored.req, name: obj.metadata.name, requestName },
      'CREATE',
      stored.obj,
      undefined,
      warnings,
    );
    if (store.getRaw(req.rt.kind, admitted.metadata.name!, req.namespace))
      throw alreadyExists(req.rt, admitted.metadata.name!);
    const object = req.dryRun ? store.prepareNew(admitted) : store.insert(admitted);
    return { object, warnings, created: true };
  }

  private current(req: WriteRequest): K8sObject {
    const old = this.deps.store.getRaw(req.rt.kind, req.name!, req.namespace);
    if (!old) throw notFound(req.rt, req.name!);
    return old;
  }

  /** Applies subresource semantics: /status changes only status; main writes keep a status subresource's status. */
  private scope(req: WriteRequest, old: K8sObject, next: K8sObject): K8sObject {
    if (req.subresource === 'status') {
      const out: K8sObject = {
        ...clone(old),
        apiVersion: next.apiVersion,
        metadata: { ...clone(old.metadata), resourceVersion: next.metadata.resourceVersion },
      };
      if (next.status === undefined) delete out.status;
      else out.status = next.status;
      return out;
    }
    if (req.subresource) throw notFound(req.rt, `${req.name}/${req.subresource}`);
    if (req.rt.statusSubresource) {
      if (old.status === undefined) delete next.status;
      else next.status = clone(old.status);
    }
    return next;
  }

  private commitUpdate(
    req: WriteRequest,
    old: K8sObject,
    oldView: K8sObject,
    next: K8sObject,
    warnings: string[],
  ): WriteResult {
    const { store } = this.deps;
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(req.rt, req.name!);
    }
    const stored = this.toStorage(req, next, oldView, warnings);
    const admitted = this.admitAndValidate(stored.req, 'UPDATE', stored.obj, old, warnings);
    const object = req.dryRun ? store.prepareReplace(admitted) : store.replace(admitted);
    return { object, warnings };
  }

  update(req: WriteRequest, body: unknown): WriteResult {
    const obj = normalizeBody(req, body);
    if (obj.metadata.name !== req.name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${req.name})`,
      );
    }
    const old = this.current(req);
    if (!req.rt.builtin && !obj.metadata.resourceVersion) {
      throw invalid(
        req.rt,
        req.name!,
        [
          {
            type: 'Invalid',
            field: 'metadata.resourceVersion',
            goValue: '0x0',
            detail: 'must be specified for an update',
          },
        ],
        'resource',
      );
    }
    const oldView = this.converting(req) ? this.view(req, old) : old;
    return this.commitUpdate(req, old, oldView, this.scope(req, oldView, obj), []);
  }

  patch(req: WriteRequest, type: PatchType, body: unknown): WriteResult {
    const { store } = this.deps;
    const old = store.getRaw(req.rt.kind, req.name!, req.namespace);
    if (!old && type === 'apply') return this.create(req, body);
    if (!old) throw notFound(req.rt, req.name!);
    // The patch applies to the object as the request's version shows it (JSON patch paths and tests are that
    // version's), then the result is converted back like any write in that version.
    const oldView = this.view(req, old);
    const patched = applyPatch(type, oldView, body, req.rt.builtin);
    const obj = normalizeBody(req, patched);
    if (obj.metadata.name !== req.name) throw badRequest('metadata.name cannot be changed by a patch');
    return this.commitUpdate(req, old, oldView, this.scope(req, oldView, obj), []);
  }

  /** Deletes (DeleteOptions `options` may carry preconditions and `dryRun: ["All"]`, as kubectl sends it). */
  delete(req: WriteRequest, options: unknown): WriteResult {
    const { store } = this.deps;
    if (isPlainObject(options) && Array.isArray(options.dryRun) && options.dryRun.includes('All'))
      req = { ...req, dryRun: true };
    const old = this.current(req);
    const pre =
      isPlainObject(options) && isPlainObject(options.preconditions) ? options.preconditions : undefined;
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${req.rt.group ? `${req.rt.plural}.${req.rt.group}` : req.rt.plural} "${req.name}": the ResourceVersion in the precondition (${String(pre.resourceVersion)}) does not match the ResourceVersion in record (${old.metadata.resourceVersion}). The object might have been modified`,
        undefined,
        { name: req.name, group: req.rt.group, kind: req.rt.plural },
      );
    }
    const warnings: string[] = [];
    this.admit(
      'validating',
      { operation: 'DELETE', kind: req.rt.kind, oldObject: clone(old), user: req.user, dryRun: req.dryRun },
      warnings,
    );
    const object = req.dryRun ? old : store.remove(req.rt.kind, req.name!, req.namespace)!;
    return { object, warnings };
  }
}
