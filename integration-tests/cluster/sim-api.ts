/**
 * The contract between the simulator's API machinery (server, store, validation, watch) and its "world"
 * (admission rules the real webhooks enforce, and the controllers' visible effects) under ./world/.
 * The machinery calls the world; the world only touches the cluster through these interfaces.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  object: K8sObject;
  oldObject?: K8sObject;
}

/** A cause as the apiserver reports it in `Status.details.causes`. */
export interface StatusCause {
  reason?: string; // e.g. FieldValueInvalid, FieldValueRequired, FieldValueNotSupported
  message: string;
  field?: string; // e.g. spec.filesystemOverhead.global
}

/** Thrown by the store, validation or admission; the server turns it into a `Status` response. */
export class ApiError extends Error {
  constructor(
    public readonly code: number, // 400, 403, 404, 409, 410, 422, 500 ...
    public readonly reason: string, // BadRequest, Forbidden, NotFound, AlreadyExists, Conflict, Invalid ...
    message: string,
    public readonly causes?: StatusCause[],
    public readonly details?: { name?: string; group?: string; kind?: string },
  ) {
    super(message);
  }
}

/**
 * Objects are addressed by kind: every kind the simulator serves is unique (StorageClass, StorageProfile, ...).
 * Reads return deep copies. Writes run as the system (no RBAC, no admission, no schema check) but keep
 * apiserver bookkeeping: resourceVersion, generation bump on spec change, uid, creationTimestamp, watch events.
 */
export interface SimStore {
  get(kind: string, name: string, namespace?: string): K8sObject | undefined;
  /** All objects of a kind, optionally only one namespace's. */
  list(kind: string, namespace?: string): K8sObject[];
  create(obj: K8sObject): K8sObject;
  /** Replaces the whole object (spec and status). Throws ApiError 409 when metadata.resourceVersion is set and stale. */
  update(obj: K8sObject): K8sObject;
  delete(kind: string, name: string, namespace?: string): K8sObject | undefined;
  /**
   * Read-only views of the stored objects, without the copy `get`/`list` make (cheap scans of thousands of
   * objects). Never mutate what they return; copy first (or use get/list) to change and update an object.
   */
  getView?(kind: string, name: string, namespace?: string): Readonly<K8sObject> | undefined;
  listView?(kind: string, namespace?: string): readonly Readonly<K8sObject>[];
}

/**
 * Time as the world sees it. Stamp objects with `now()` (the wall clock, so no timestamp lies in the future);
 * measure durations with `simulatedMs()`, which runs faster than the wall clock (time scale) and can be
 * advanced from tests through /_sim/advance. Never compare one with the other.
 */
export interface SimClock {
  /** Wall-clock now: for timestamps written to objects. */
  now(): Date;
  /** Simulated milliseconds (arbitrary origin): only differences mean something (how long something took). */
  simulatedMs(): number;
}

/** A SubjectAccessReview a webhook or controller sends (authorization.k8s.io/v1 spec, resource attributes only). */
export interface SubjectAccessReviewSpec {
  user: string;
  groups: string[];
  resourceAttributes: {
    verb: string;
    group: string;
    resource: string;
    subresource?: string;
    name?: string;
    namespace?: string;
  };
}

export interface SimContext {
  store: SimStore;
  clock: SimClock;
  /** The apiserver's answer to a SubjectAccessReview (RBAC from the stored roles and bindings). */
  subjectAccessReview?(spec: SubjectAccessReviewSpec): { allowed: boolean; reason: string };
}

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  kind: string;
  subresource?: string; // 'status' for writes to /status
  /** The object being written (after defaulting). Mutating plugins change it in place. */
  object?: K8sObject;
  /** The stored object, for UPDATE and DELETE. */
  oldObject?: K8sObject;
  user: string;
  /** AdmissionReview `request.userInfo`: who asks, with groups; absent = the simulator itself. */
  userInfo?: { username: string; groups: string[] };
  dryRun: boolean;
}

export interface AdmissionResult {
  /** Sent back as `Warning: 299 - "<text>"` response headers. */
  warnings?: string[];
}

/** Throws ApiError to deny (real webhooks deny with 400 BadRequest or 422 Invalid; see api-facts.md). */
export type AdmissionPlugin = (req: AdmissionRequest, ctx: SimContext) => AdmissionResult | void;

/**
 * A controller's visible effect. `reconcile` runs after every committed write (batched) and on every clock
 * tick; it must be idempotent and write only when something really changes, so the loop settles.
 */
export interface Controller {
  name: string;
  reconcile(ctx: SimContext, events: StoreEvent[]): void;
}

/** The simulated image registries (see world/import-sources.ts): what digest a source URL serves. */
export interface SimImageRegistry {
  digest(url: string): string;
  /** Publishes a new image for `url` (or declares the given digest); returns the digest it serves now. */
  publish(url: string, digest?: string): string;
}

/**
 * A conversion between the served versions of one kind, as a CRD's conversion webhook does it (a
 * ConversionReview: objects in, each in `desiredAPIVersion` out). `convert` gets a copy it may change and
 * returns the object in the desired version (apiVersion set); it throws an ApiError when it cannot convert.
 * Fields it does not map must pass through unchanged.
 */
export interface KindConverter {
  group: string;
  kind: string;
  convert(obj: K8sObject, desiredAPIVersion: string): K8sObject;
}

export interface World {
  mutating: AdmissionPlugin[];
  validating: AdmissionPlugin[];
  controllers: Controller[];
  /** The world's registries, when it simulates any (POST /_sim/publish-digest, seed `registry.json`). */
  registry?: SimImageRegistry;
  /**
   * POST /_sim/complete-upload: the data of upload DataVolume `namespace/name` arrived (throws an ApiError when
   * there is no such DataVolume or it does not wait for data).
   */
  completeUpload?(store: SimStore, namespace: string, name: string): void;
  /** Conversions for kinds served in several versions that differ in layout (default: apiVersion rewrite only). */
  converters?: KindConverter[];
}
