import * as fs from 'fs';
import * as path from 'path';
import { matchPath, matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  CLONE_PERMISSIONS_PATH,
  DATA_VOLUME_DETAILS_PATTERN,
  DATA_VOLUMES_PATH,
  dataVolumeDetailsPath,
  dataVolumesPath,
  clonePermissionsPath,
  matchStorageProfileRoute,
  ROUTE_PATTERNS,
  SECTION_BASE_PATH,
  SECTION_LANDING_PATH,
  STORAGE_PROFILE_DETAILS_PATTERN,
  STORAGE_PROFILE_EDIT_PATTERN,
  STORAGE_PROFILES_PATH,
  storageProfileDetailsPath,
  storageProfileEditPath,
  storageProfilesPath,
} from './routes';

interface EncodedExtension {
  type: string;
  properties: Record<string, unknown>;
}

const extensions: EncodedExtension[] = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../console-extensions.json'), 'utf8'),
);
const routeExtensions = extensions.filter((e) => e.type === 'console.page/route');
const routePaths = routeExtensions.flatMap((e) =>
  (Array.isArray(e.properties.path) ? e.properties.path : [e.properties.path]).map(String),
);
const navHrefs = extensions
  .filter((e) => e.type === 'console.navigation/href')
  .map((e) => String(e.properties.href));

describe('routes', () => {
  it('puts every page below the section base path', () => {
    expect(SECTION_BASE_PATH).toBe('/virtualization-storage');
    expect(STORAGE_PROFILES_PATH).toBe('/virtualization-storage/storage-profiles');
    expect(STORAGE_PROFILE_DETAILS_PATTERN).toBe('/virtualization-storage/storage-profiles/:name');
    expect(STORAGE_PROFILE_EDIT_PATTERN).toBe('/virtualization-storage/storage-profiles/:name/edit');
    for (const pattern of ROUTE_PATTERNS.filter((p) => p !== SECTION_LANDING_PATH)) {
      expect(pattern.startsWith(`${SECTION_BASE_PATH}/`), pattern).toBe(true);
    }
    // The section's own path is only the overview's landing route.
    expect(SECTION_LANDING_PATH).toBe(SECTION_BASE_PATH);
  });

  it('builds paths with the name encoded', () => {
    expect(storageProfilesPath()).toBe('/virtualization-storage/storage-profiles');
    expect(storageProfileDetailsPath('gp3-csi')).toBe('/virtualization-storage/storage-profiles/gp3-csi');
    expect(storageProfileEditPath('gp3-csi')).toBe('/virtualization-storage/storage-profiles/gp3-csi/edit');
    expect(storageProfileDetailsPath('a b/c?d#e')).toBe(
      '/virtualization-storage/storage-profiles/a%20b%2Fc%3Fd%23e',
    );
    expect(storageProfileEditPath('a/b')).toBe('/virtualization-storage/storage-profiles/a%2Fb/edit');
  });

  it('builds the clone-permissions path with its namespace filter in the query', () => {
    expect(CLONE_PERMISSIONS_PATH).toBe('/virtualization-storage/clone-permissions');
    expect(ROUTE_PATTERNS).toContain(CLONE_PERMISSIONS_PATH);
    expect(clonePermissionsPath()).toBe('/virtualization-storage/clone-permissions');
    expect(clonePermissionsPath('team-a')).toBe('/virtualization-storage/clone-permissions?namespace=team-a');
    expect(clonePermissionsPath('a b&c')).toBe(
      '/virtualization-storage/clone-permissions?namespace=a%20b%26c',
    );
  });

  it('builds the data-volume paths: the list with its namespace in the query, details by namespace and name', () => {
    expect(DATA_VOLUMES_PATH).toBe('/virtualization-storage/data-volumes');
    expect(dataVolumesPath()).toBe('/virtualization-storage/data-volumes');
    expect(dataVolumesPath('team-a')).toBe('/virtualization-storage/data-volumes?namespace=team-a');
    expect(dataVolumeDetailsPath('team-a', 'disk.v1')).toBe(
      '/virtualization-storage/data-volumes/team-a/disk.v1',
    );
    expect(
      matchPath(DATA_VOLUME_DETAILS_PATTERN, dataVolumeDetailsPath('team-a', 'disk.v1'))?.params,
    ).toEqual({
      namespace: 'team-a',
      name: 'disk.v1',
    });
  });

  it('tells details from edit by route, also for a StorageClass named "edit"', () => {
    expect(matchStorageProfileRoute('/virtualization-storage/storage-profiles/gp3-csi')).toEqual({
      name: 'gp3-csi',
      editing: false,
    });
    expect(matchStorageProfileRoute('/virtualization-storage/storage-profiles/gp3-csi/edit')).toEqual({
      name: 'gp3-csi',
      editing: true,
    });
    expect(matchStorageProfileRoute('/virtualization-storage/storage-profiles/edit')).toEqual({
      name: 'edit',
      editing: false,
    });
    expect(matchStorageProfileRoute('/virtualization-storage/storage-profiles/edit/edit')).toEqual({
      name: 'edit',
      editing: true,
    });
    expect(matchStorageProfileRoute(storageProfileEditPath('edit'))).toEqual({ name: 'edit', editing: true });
  });

  it('reads back every name the builders encode, and accepts a trailing slash', () => {
    for (const name of ['gp3-csi', 'a b', 'a/b', 'ü%x', 'edit']) {
      expect(matchStorageProfileRoute(storageProfileDetailsPath(name))).toEqual({ name, editing: false });
      expect(matchStorageProfileRoute(storageProfileEditPath(name))).toEqual({ name, editing: true });
    }
    expect(matchStorageProfileRoute('/virtualization-storage/storage-profiles/gp3-csi/')).toEqual({
      name: 'gp3-csi',
      editing: false,
    });
  });

  it('matches no other path', () => {
    for (const p of [
      '/virtualization-storage',
      '/virtualization-storage/storage-profiles',
      '/virtualization-storage/storage-profiles/',
      '/virtualization-storage/storage-profiles/a/b',
      '/virtualization-storage/storage-profiles/a/edit/x',
      '/virtualization-storage/boot-sources/a',
      '/k8s/cluster/storageclasses/a',
    ]) {
      expect(matchStorageProfileRoute(p), p).toBeNull();
    }
  });

  it('agrees with the route react-router picks from console-extensions.json, as the console would', () => {
    // The console turns each path of an exact `console.page/route` into its own <Route>
    // (console-app/src/hooks/usePluginRoutes.tsx); matchRoutes ranks them the same way.
    const routes = routePaths.map((p) => ({ path: p }));
    const picked = (pathname: string) => matchRoutes(routes, pathname)?.[0].route.path ?? null;
    for (const name of ['gp3-csi', 'edit', 'a b']) {
      const details = storageProfileDetailsPath(name);
      const edit = storageProfileEditPath(name);
      expect(picked(details)).toBe(STORAGE_PROFILE_DETAILS_PATTERN);
      expect(picked(edit)).toBe(STORAGE_PROFILE_EDIT_PATTERN);
      expect(matchRoutes(routes, edit)?.[0].params.name).toBe(matchStorageProfileRoute(edit)?.name);
      expect(matchRoutes(routes, details)?.[0].params.name).toBe(matchStorageProfileRoute(details)?.name);
    }
    expect(picked(STORAGE_PROFILES_PATH)).toBe(STORAGE_PROFILES_PATH);
    // The section's path is the overview; its pages keep their own routes.
    expect(picked(SECTION_BASE_PATH)).toBe(SECTION_LANDING_PATH);
    expect(picked(`${SECTION_BASE_PATH}/`)).toBe(SECTION_LANDING_PATH);
  });
});

describe('routes and console-extensions.json', () => {
  it('declares a page route for every pattern of the module, and no other', () => {
    expect([...routePaths].sort()).toEqual([...ROUTE_PATTERNS].sort());
    expect(new Set(routePaths).size).toBe(routePaths.length);
  });

  it('links the nav only to pages of the module, and only to pages without parameters', () => {
    expect(navHrefs.length).toBeGreaterThan(0);
    for (const href of navHrefs) {
      expect(ROUTE_PATTERNS, href).toContain(href);
      expect(href, 'a nav href cannot fill in a parameter').not.toMatch(/\/:/);
    }
  });

  it('makes every route exact, so a details route never also answers below itself', () => {
    for (const e of routeExtensions) {
      expect(e.properties.exact, String(e.properties.path)).toBe(true);
    }
  });
});
