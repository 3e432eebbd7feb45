import * as fs from 'fs';
import * as yaml from 'js-yaml';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(__dirname, '..');
const sdkExtensionsDir = path.join(
  repoRoot,
  'node_modules/@openshift-console/dynamic-plugin-sdk/lib/extensions',
);

interface EncodedExtension {
  type: string;
  properties: Record<string, unknown>;
  flags?: { required?: string[]; disallowed?: string[] };
}

/** The flag every page and nav entry needs: set by the console when the CDI StorageProfile API exists. */
const CDI_FLAG = 'VIRT_STORAGE_CDI';
/** The OpenShift Virtualization plugin's admin nav section (kubevirt-plugin src/views/navigation/constants.ts). */
const KUBEVIRT_SECTION_ID = 'virtualization';

const extensions: EncodedExtension[] = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'console-extensions.json'), 'utf8'),
);
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const locale: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'locales/en/plugin__virt-storage-plugin.json'), 'utf8'),
);

/** Every extension type the installed SDK declares: `Extension<'console.xxx', ...>` in its typings. */
const sdkExtensionTypes = (): Set<string> => {
  const types = new Set<string>();
  for (const file of fs.readdirSync(sdkExtensionsDir).filter((f) => f.endsWith('.d.ts'))) {
    const text = fs.readFileSync(path.join(sdkExtensionsDir, file), 'utf8');
    for (const m of text.matchAll(/\bExtension(?:Declaration)?<\s*'([^']+)'/g)) types.add(m[1]);
  }
  return types;
};

const ofType = (type: string) => extensions.filter((e) => e.type === type);
const codeRefs = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(codeRefs);
  if (value && typeof value === 'object') {
    const ref = (value as { $codeRef?: unknown }).$codeRef;
    return typeof ref === 'string' ? [ref] : Object.values(value).flatMap(codeRefs);
  }
  return [];
};

describe('console-extensions.json', () => {
  it('uses only extension types the installed SDK defines', () => {
    const known = sdkExtensionTypes();
    // Guard against a parse that silently finds nothing (e.g. a changed typings layout).
    expect(known.size).toBeGreaterThan(50);
    expect(known.has('console.page/route')).toBe(true);
    const unknown = extensions.map((e) => e.type).filter((t) => !known.has(t));
    expect(unknown).toEqual([]);
  });

  it('gives every page route a nav entry (one of its paths itself or a parent path)', () => {
    const hrefs = ofType('console.navigation/href').map((e) => String(e.properties.href));
    // A route with several paths (the overview also answers the section's own path) needs one in the nav.
    const orphans = ofType('console.page/route')
      .map((e) => (Array.isArray(e.properties.path) ? e.properties.path : [e.properties.path]).map(String))
      .filter((paths) => !paths.some((p) => hrefs.some((href) => p === href || p.startsWith(`${href}/`))));
    expect(orphans).toEqual([]);
  });

  it('puts every nav item in the Virtualization storage section of the admin perspective', () => {
    const sections = ofType('console.navigation/section').map((e) => e.properties.id);
    expect(sections).toContain('virtualization-storage');
    for (const item of ofType('console.navigation/href')) {
      expect(sections, String(item.properties.id)).toContain(item.properties.section);
      expect(item.properties.perspective).toBe('admin');
    }
  });

  it('wraps every exposed page in the plugin QueryClient (react-query is bundled, not shared)', () => {
    const unwrapped = Object.values(pkg.consolePlugin.exposedModules as Record<string, string>).filter(
      (module) =>
        !/export default withQueryClient\(/.test(
          fs.readFileSync(path.resolve(__dirname, `${module}.tsx`), 'utf8'),
        ),
    );
    expect(unwrapped).toEqual([]);
  });

  it('only references exposed modules, and every exposed module is used', () => {
    const exposed = Object.keys(pkg.consolePlugin.exposedModules);
    const used = new Set(codeRefs(extensions).map((ref) => ref.split('.')[0]));
    expect([...used].filter((m) => !exposed.includes(m))).toEqual([]);
    expect(exposed.filter((m) => !used.has(m))).toEqual([]);
  });

  it('translates every label through the plugin namespace, and the locale has the key', () => {
    const labels = [...ofType('console.navigation/section'), ...ofType('console.navigation/href')].map((e) =>
      String(e.properties.name),
    );
    for (const label of labels) {
      const m = /^%plugin__virt-storage-plugin~(.+)%$/.exec(label);
      expect(m, label).not.toBeNull();
      expect(locale[m![1]], label).toBe(m![1]);
    }
  });

  it('keeps every string in the plugin namespace (i18next-parser reads a `namespace:` option as one)', () => {
    // e.g. t('… {{namespace}}', { namespace: ns }) would be extracted into locales/en/ns.json.
    expect(fs.readdirSync(path.join(repoRoot, 'locales/en'))).toEqual(['plugin__virt-storage-plugin.json']);
  });

  it('gates every page and nav entry on the CDI flag, so nothing shows on clusters without CDI', () => {
    const gated = extensions.filter(
      (e) => e.type === 'console.page/route' || e.type.startsWith('console.navigation/'),
    );
    expect(gated.length).toBeGreaterThan(0);
    const ungated = gated
      .filter((e) => !e.flags?.required?.includes(CDI_FLAG))
      .map((e) => `${e.type} ${String(e.properties.id ?? e.properties.path)}`);
    expect(ungated).toEqual([]);
  });

  it('sets the CDI flag from the real StorageProfile model (group, served version, kind of the CRD)', () => {
    const flagged = ofType('console.flag/model').filter((e) => e.properties.flag === CDI_FLAG);
    expect(flagged).toHaveLength(1);
    const model = flagged[0].properties.model as { group: string; version: string; kind: string };
    // The CRD manifest CDI installs (integration-tests/cluster/crds/ holds the upstream copy).
    const crd = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'integration-tests/cluster/crds/storageprofiles.cdi.kubevirt.io.yaml'),
        'utf8',
      ),
    ) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean }[] };
    };
    expect(model.group).toBe(crd.spec.group);
    expect(model.kind).toBe(crd.spec.names.kind);
    expect(crd.spec.versions.filter((v) => v.served).map((v) => v.name)).toContain(model.version);
  });

  it('requires only flags that some console.flag/model extension sets', () => {
    const declared = new Set(ofType('console.flag/model').map((e) => e.properties.flag));
    const used = extensions.flatMap((e) => [...(e.flags?.required ?? []), ...(e.flags?.disallowed ?? [])]);
    expect(used.filter((f) => !declared.has(f))).toEqual([]);
  });

  it('places the section right after the Virtualization section (after Workloads without it)', () => {
    const [section] = ofType('console.navigation/section');
    expect(section.properties.insertAfter).toEqual([KUBEVIRT_SECTION_ID, 'workloads']);
  });
});
