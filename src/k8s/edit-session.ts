import type { K8sResourceCommon, Patch } from '@openshift-console/dynamic-plugin-sdk';
import { buildGuardedPatch, deepEqual, getAtPath, type FieldChange, type FieldPath } from './json-patch';

/**
 * One field a form edits. The form holds values in its own shape (`V`, e.g. '' for "not set"); `read` and
 * `write` convert from and to what the object stores. Whole atomic lists are one field.
 */
export interface EditableField<V = unknown> {
  id: string;
  path: FieldPath;
  /** The form value for what the object stores (`found: false` when the path is absent). */
  read?: (stored: unknown, found: boolean) => V;
  /** What to store for a form value; undefined removes the field. */
  write?: (value: V) => unknown;
}

/** A string field where '' in the form means "not set": clearing it removes the field. */
export const optionalStringField = (id: string, path: FieldPath): EditableField<string> => ({
  id,
  path,
  read: (stored) => (typeof stored === 'string' ? stored : ''),
  write: (value) => (value === '' ? undefined : value),
});

// Fields of different value types live in one list; each converts its own values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = EditableField<any>;

/** A field changed both by the user and, meanwhile, by someone else: the user picks one value. */
export interface BothChanged {
  id: string;
  /** The value the user started from. */
  original: unknown;
  /** The value now on the cluster. */
  theirs: unknown;
  /** The user's value. */
  mine: unknown;
}

/** A field someone else changed since the user's base. */
export interface ChangedMeanwhile {
  id: string;
  before: unknown;
  after: unknown;
}

/**
 * What a form is editing: the object the user started from and *only* the fields the user changed. Untouched
 * fields always show (and keep) the base's value, so a rebase can never revert someone else's change.
 */
export interface EditSession<R extends K8sResourceCommon = K8sResourceCommon> {
  base: R;
  /** Field id → the user's form value. */
  edits: Readonly<Record<string, unknown>>;
  /** Fields changed on both sides by the last rebase, until the user picks a value. */
  bothChanged: readonly BothChanged[];
  /** What others changed, found by the last rebase (for the "changed meanwhile" notice). */
  changedMeanwhile: readonly ChangedMeanwhile[];
}

export const newSession = <R extends K8sResourceCommon>(base: R): EditSession<R> => ({
  base,
  edits: {},
  bothChanged: [],
  changedMeanwhile: [],
});

const readField = (field: AnyField, obj: unknown): unknown => {
  const { found, value } = getAtPath(obj, field.path);
  return field.read ? field.read(value, found) : value;
};

/** The form value of a field: the user's edit, else what the base holds. */
export const isEdited = (session: EditSession, id: string): boolean =>
  Object.prototype.hasOwnProperty.call(session.edits, id);

export const fieldValue = (session: EditSession, field: AnyField): unknown =>
  isEdited(session, field.id) ? session.edits[field.id] : readField(field, session.base);

const withoutKey = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const next = { ...record };
  delete next[key];
  return next;
};

/** Records the user's value; a value equal to the base's is no edit at all. */
export const setField = <R extends K8sResourceCommon>(
  session: EditSession<R>,
  field: AnyField,
  value: unknown,
): EditSession<R> => ({
  ...session,
  edits: deepEqual(readField(field, session.base), value)
    ? withoutKey(session.edits, field.id)
    : { ...session.edits, [field.id]: value },
});

/** The changes the user made, as paths and stored values, in field order. */
export const changesOf = (session: EditSession, fields: readonly AnyField[]): FieldChange[] =>
  fields
    .filter((f) => isEdited(session, f.id))
    .map((f) => {
      const value = session.edits[f.id];
      return { path: f.path, value: f.write ? f.write(value) : value };
    });

/** The exact patch a save sends: the user's changes against the base, guarded by the one policy. */
export const planPatch = (session: EditSession, fields: readonly AnyField[]): Patch[] =>
  buildGuardedPatch(session.base, changesOf(session, fields));

/**
 * True when `candidate` is not older than `current`. resourceVersions are opaque, but etcd's are integers
 * that only grow; when either is not, only the caller's request order can decide, so accept it.
 */
export const isNotOlder = (candidate: K8sResourceCommon, current: K8sResourceCommon): boolean => {
  const a = candidate.metadata?.resourceVersion;
  const b = current.metadata?.resourceVersion;
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return true;
  return BigInt(a) >= BigInt(b);
};

/**
 * Three-way rebase of the user's edits onto `fresh`: fresh values for every field the user did not touch,
 * the user's edits on top. A field changed on both sides to different values keeps the user's value but is
 * listed in `bothChanged` until the user picks; an edit the other side already made disappears.
 * Picks the user made after an earlier rebase stand unless that field changed again.
 * A `fresh` object older than the base is ignored (an out-of-order re-read).
 */
export const rebase = <R extends K8sResourceCommon>(
  session: EditSession<R>,
  fields: readonly AnyField[],
  fresh: R,
): EditSession<R> => {
  if (!isNotOlder(fresh, session.base)) return session;
  const edits: Record<string, unknown> = { ...session.edits };
  const changedMeanwhile: ChangedMeanwhile[] = [];
  const bothChanged: BothChanged[] = [];
  fields.forEach((field) => {
    const before = readField(field, session.base);
    const after = readField(field, fresh);
    const changed = !deepEqual(before, after);
    if (changed) changedMeanwhile.push({ id: field.id, before, after });
    const pending = session.bothChanged.find((b) => b.id === field.id);
    if (!isEdited(session, field.id)) return;
    const mine = edits[field.id];
    if (deepEqual(mine, after)) {
      delete edits[field.id];
    } else if (changed) {
      bothChanged.push({ id: field.id, original: pending?.original ?? before, theirs: after, mine });
    } else if (pending) {
      bothChanged.push(pending);
    }
  });
  return { base: fresh, edits, bothChanged, changedMeanwhile };
};

/** The user's pick for a field changed on both sides: keep their own value or take the cluster's. */
export const resolveBothChanged = <R extends K8sResourceCommon>(
  session: EditSession<R>,
  id: string,
  pick: 'mine' | 'theirs',
): EditSession<R> => ({
  ...session,
  edits: pick === 'theirs' ? withoutKey(session.edits, id) : session.edits,
  bothChanged: session.bothChanged.filter((b) => b.id !== id),
});

/** Fields whose value in `live` differs from the base: someone changed them since the user started. */
export const fieldsChangedSince = (
  session: EditSession,
  fields: readonly AnyField[],
  live: K8sResourceCommon | undefined,
): string[] =>
  !live || !isNotOlder(live, session.base)
    ? []
    : fields.filter((f) => !deepEqual(readField(f, session.base), readField(f, live))).map((f) => f.id);

/** True when a failed guarded write failed because a tested path changed (`fresh` is the re-read object). */
export const guardFailed = (base: unknown, fresh: unknown, tested: readonly FieldPath[]): boolean =>
  tested.some((path) => {
    const a = getAtPath(base, path);
    const b = getAtPath(fresh, path);
    return a.found !== b.found || !deepEqual(a.value, b.value);
  });
