import { useCallback } from 'react';
import { matchPath, useSearchParams } from 'react-router';

/**
 * The plugin's routes: the one place that knows its URLs. console-extensions.json declares the same
 * patterns (routes.test.ts keeps the two in step); pages build links with the builders and tell their
 * mode with the matchers, never by looking at path suffixes.
 */

/** Base path of the "Virtualization storage" nav section; every page of the plugin lives below it. */
export const SECTION_BASE_PATH = '/virtualization-storage';

/**
 * The section's landing page (its first nav item): the storage health overview. Its own segment, not the
 * section base: the console marks a nav href active when each of its path segments matches the location
 * (console-app/src/components/nav/utils.ts navItemHrefIsActive, release-4.22 line 169), so an href of
 * `/virtualization-storage` would be highlighted on every page of the section.
 */
export const OVERVIEW_PATH = `${SECTION_BASE_PATH}/overview`;
/** The section itself (`/virtualization-storage`, exact) lands on the overview too. */
export const SECTION_LANDING_PATH = SECTION_BASE_PATH;

export const STORAGE_PROFILES_PATH = `${SECTION_BASE_PATH}/storage-profiles`;
export const STORAGE_PROFILE_DETAILS_PATTERN = `${STORAGE_PROFILES_PATH}/:name`;
export const STORAGE_PROFILE_EDIT_PATTERN = `${STORAGE_PROFILE_DETAILS_PATTERN}/edit`;

export const BOOT_SOURCES_PATH = `${SECTION_BASE_PATH}/boot-sources`;
export const STORAGE_SETTINGS_PATH = `${SECTION_BASE_PATH}/settings`;
export const HOSTPATH_PROVISIONER_PATH = `${SECTION_BASE_PATH}/hostpath-provisioner`;
export const CLONE_PERMISSIONS_PATH = `${SECTION_BASE_PATH}/clone-permissions`;
export const DATA_VOLUMES_PATH = `${SECTION_BASE_PATH}/data-volumes`;
export const DATA_VOLUME_DETAILS_PATTERN = `${DATA_VOLUMES_PATH}/:namespace/:name`;

/** Every page route pattern of the plugin (each is a `console.page/route` path). */
export const ROUTE_PATTERNS: readonly string[] = [
  SECTION_LANDING_PATH,
  OVERVIEW_PATH,
  STORAGE_PROFILES_PATH,
  STORAGE_PROFILE_DETAILS_PATTERN,
  STORAGE_PROFILE_EDIT_PATTERN,
  BOOT_SOURCES_PATH,
  STORAGE_SETTINGS_PATH,
  HOSTPATH_PROVISIONER_PATH,
  CLONE_PERMISSIONS_PATH,
  DATA_VOLUMES_PATH,
  DATA_VOLUME_DETAILS_PATTERN,
];

export const storageProfilesPath = (): string => STORAGE_PROFILES_PATH;

/**
 * The element id of the default storage classes card's title on the storage settings page (the default-class
 * switch; features/storage-settings/sections/DefaultClassesSection.tsx `titleId`).
 */
export const DEFAULT_CLASSES_ANCHOR = 'vsp-default-classes-title';

/** The storage settings page at the default-class switch. */
export const defaultClassesPath = (): string => `${STORAGE_SETTINGS_PATH}#${DEFAULT_CLASSES_ANCHOR}`;

/** The query parameter of the pages' namespace filter. */
export const NAMESPACE_QUERY_PARAM = 'namespace';

/** The clone-permissions page, optionally filtered to one source namespace (`?namespace=`). */
export const clonePermissionsPath = (namespace?: string): string =>
  namespace
    ? `${CLONE_PERMISSIONS_PATH}?${NAMESPACE_QUERY_PARAM}=${encodeURIComponent(namespace)}`
    : CLONE_PERMISSIONS_PATH;

/** The data-volumes list, optionally of one namespace (`?namespace=`); all namespaces without. */
export const dataVolumesPath = (namespace?: string): string =>
  namespace
    ? `${DATA_VOLUMES_PATH}?${NAMESPACE_QUERY_PARAM}=${encodeURIComponent(namespace)}`
    : DATA_VOLUMES_PATH;

export const dataVolumeDetailsPath = (namespace: string, name: string): string =>
  `${DATA_VOLUMES_PATH}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const storageProfileDetailsPath = (name: string): string =>
  `${STORAGE_PROFILES_PATH}/${encodeURIComponent(name)}`;

export const storageProfileEditPath = (name: string): string => `${storageProfileDetailsPath(name)}/edit`;

export interface StorageProfileRoute {
  /** The profile's (and its StorageClass's) name, decoded. */
  name: string;
  /** True on the edit route. */
  editing: boolean;
}

/**
 * Decodes a pathname as react-router does before it matches routes: segment by segment, keeping an
 * encoded `/` inside a segment (matchPath turns `%2F` into `/` in the parameter); a malformed encoding
 * leaves the whole path as it was.
 */
const decodePathname = (pathname: string): string => {
  try {
    return pathname
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/\//g, '%2F'))
      .join('/');
  } catch {
    return pathname;
  }
};

/**
 * Which storage profile page a pathname shows, by the same route matching the console uses (react-router's
 * `matchPath`, exact): `/…/storage-profiles/<name>` is the details page, `/…/storage-profiles/<name>/edit`
 * the edit page; so a profile named `edit` is viewed at `/…/storage-profiles/edit` and edited at
 * `/…/storage-profiles/edit/edit`. Null for any other path (including the list).
 */
export const matchStorageProfileRoute = (pathname: string): StorageProfileRoute | null => {
  const path = decodePathname(pathname);
  const edit = matchPath(STORAGE_PROFILE_EDIT_PATTERN, path);
  if (edit?.params.name) {
    return { name: edit.params.name, editing: true };
  }
  const details = matchPath(STORAGE_PROFILE_DETAILS_PATTERN, path);
  if (details?.params.name) {
    return { name: details.params.name, editing: false };
  }
  return null;
};

/**
 * The page's namespace filter, kept in the URL's `?namespace=` (so links and back work); undefined = all
 * namespaces. Setting it replaces the history entry rather than adding one per change.
 */
export const useNamespaceParam = (): [string | undefined, (namespace: string | undefined) => void] => {
  const [params, setParams] = useSearchParams();
  const namespace = params.get(NAMESPACE_QUERY_PARAM) || undefined;
  const setNamespace = useCallback(
    (value: string | undefined) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(NAMESPACE_QUERY_PARAM, value);
          else next.delete(NAMESPACE_QUERY_PARAM);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [namespace, setNamespace];
};
