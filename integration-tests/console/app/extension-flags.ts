import type { LoadedExtension } from './plugin-loader';

/**
 * Feature flags and nav ordering as console 4.22 applies them to plugin extensions:
 * - `console.flag/model` (frontend/public/reducers/features.ts, `UpdateModelFlags` / `ReceivedResources`):
 *   the flag is true when API discovery found exactly `group~version~Kind`, false when discovery did not;
 *   the first extension to claim a reference keeps it. Undefined until then.
 * - in use (@openshift/dynamic-plugin-sdk `PluginStore.isExtensionInUse`): every `flags.required` is
 *   `true` and every `flags.disallowed` is `false` or unset. Extensions not in use are not rendered at all:
 *   no nav entry, no route (console-app/src/hooks/usePluginRoutes.tsx reads only extensions in use).
 * - nav order (console-app/src/components/nav/utils.ts `getSortedNavExtensions`): items that name no
 *   present neighbour keep their order; the others are inserted before the first `insertBefore` id found,
 *   else after the first `insertAfter` id found, else at the end; items positioned relative to other
 *   positioned items are placed after those.
 */

export type FeatureFlags = Record<string, boolean | undefined>;

const referenceOf = (model: { group?: string; version: string; kind: string }) =>
  [model.group || 'core', model.version, model.kind].join('~');

/** Flag name per model reference, from `console.flag/model` extensions (first claim wins). */
export const modelFlagReferences = (extensions: LoadedExtension[]): Map<string, string> => {
  const refs = new Map<string, string>();
  for (const e of extensions.filter((x) => x.type === 'console.flag/model')) {
    const { flag, model } = e.properties as {
      flag: string;
      model: { group?: string; version: string; kind: string };
    };
    const ref = referenceOf(model);
    if (!refs.has(ref)) {
      refs.set(ref, flag);
    }
  }
  return refs;
};

/** Model flags after a discovery that found `discovered` (references `group~version~Kind`). */
export const evaluateModelFlags = (
  extensions: LoadedExtension[],
  discovered: ReadonlySet<string>,
): FeatureFlags => {
  const flags: FeatureFlags = {};
  for (const [ref, flag] of modelFlagReferences(extensions)) {
    flags[flag] = flags[flag] || discovered.has(ref);
  }
  return flags;
};

export const isExtensionInUse = (e: Pick<LoadedExtension, 'flags'>, flags: FeatureFlags): boolean =>
  (e.flags?.required?.every((f) => flags[f] === true) ?? true) &&
  (e.flags?.disallowed?.every((f) => (flags[f] ?? false) === false) ?? true);

interface Positioned {
  properties: Record<string, unknown>;
}

const toArray = (v: unknown): string[] => (v ? (Array.isArray(v) ? v.map(String) : [String(v)]) : []);

const dependsOn = (a: Positioned, b: Positioned) =>
  [...toArray(a.properties.insertBefore), ...toArray(a.properties.insertAfter)].includes(
    String(b.properties.id),
  );

const isPositioned = (item: Positioned, all: Positioned[]) => all.some((other) => dependsOn(item, other));

const indexFor = (item: Positioned, placed: Positioned[]): number => {
  for (const id of toArray(item.properties.insertBefore)) {
    const i = placed.findIndex((p) => p.properties.id === id);
    if (i >= 0) {
      return i;
    }
  }
  for (const id of toArray(item.properties.insertAfter)) {
    const i = placed.findIndex((p) => p.properties.id === id);
    if (i >= 0) {
      return i + 1;
    }
  }
  return -1;
};

const insertAll = <T extends Positioned>(toInsert: T[], placed: T[]) => {
  if (toInsert.length === 0) {
    return;
  }
  const free = toInsert.filter((i) => !isPositioned(i, toInsert));
  const dependent = toInsert.filter((i) => isPositioned(i, toInsert));
  // With a cycle nothing is free: insert everything where it can go.
  for (const item of free.length ? free : dependent) {
    const index = indexFor(item, placed);
    if (index >= 0) {
      placed.splice(index, 0, item);
    } else {
      placed.push(item);
    }
  }
  if (free.length) {
    insertAll(dependent, placed);
  }
};

/** Orders nav extensions by their `insertBefore` / `insertAfter` ids, as the console's nav does. */
export const sortNavExtensions = <T extends Positioned>(items: T[]): T[] => {
  const placed = items.filter((i) => !isPositioned(i, items));
  insertAll(
    items.filter((i) => isPositioned(i, items)),
    placed,
  );
  return placed;
};

/**
 * The console's `navItemHrefIsActive`: every path segment of the href equals the location's segment at
 * the same place (after stripping `/k8s/cluster/`, `/k8s/ns/<ns>/`, `/k8s/all-namespaces/`), or the
 * location starts with one of `startsWith`.
 */
export const navHrefIsActive = (location: string, href: string, startsWith: string[] = []): boolean => {
  const scopeless = (p: string) =>
    p.replace(/^\/?(?:k8s\/cluster\/|k8s\/all-namespaces\/|k8s\/ns\/[^/]*\/)?(.*?)\/?$/, '$1');
  const loc = scopeless(location);
  const locSegments = loc.split('/');
  return (
    scopeless(href)
      .split('/')
      .every((segment, i) => segment === locSegments[i]) || startsWith.some((s) => loc.startsWith(s))
  );
};
