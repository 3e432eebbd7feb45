import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeSdkImports, sdkValueExports } from './sdk-imports';
import * as standIn from './sdk-standin';
import sdkRuntimeNames from '../../sdk-runtime-names.json';

const repoRoot = path.resolve(__dirname, '../..');

/** Plugin source that ends up in the bundle (unit tests mock the SDK and are left out). */
const pluginSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) {
      return pluginSources(p);
    }
    return /\.tsx?$/.test(d.name) && !/\.(test|spec)\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts')
      ? [p]
      : [];
  });

describe('SDK stand-in of the dev console host', () => {
  it('reads only run-time names from imports and re-exports', () => {
    const source = `
      import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
      import { k8sPatch, type K8sResourceCommon, useK8sWatchResource as watch } from '@openshift-console/dynamic-plugin-sdk';
      import { useTranslation } from 'react-i18next';
      export { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
      export type { Patch } from '@openshift-console/dynamic-plugin-sdk';
      import * as SDK from '@openshift-console/dynamic-plugin-sdk';
    `;
    expect(runtimeSdkImports('x.tsx', source).map((i) => i.name)).toEqual([
      'k8sPatch',
      'useK8sWatchResource',
      'consoleFetchJSON',
      '*',
    ]);
  });

  it('exports every SDK name the plugin imports at run time', () => {
    const provided = new Set(Object.keys(standIn));
    const missing = pluginSources(path.join(repoRoot, 'src'))
      .flatMap((f) => runtimeSdkImports(path.relative(repoRoot, f), readFileSync(f, 'utf8')))
      .filter((i) => !provided.has(i.name))
      .map((i) =>
        i.name === '*'
          ? `${i.file}: namespace/default/dynamic import of the SDK (import names one by one)`
          : `${i.file}: ${i.name}`,
      );
    expect(missing, 'SDK names the dev console host does not provide').toEqual([]);
  });

  it('provides exactly the SDK names the plugin may use', () => {
    expect(Object.keys(standIn).sort()).toEqual([...sdkRuntimeNames].sort());
  });

  it('lists only names the installed SDK really exports as values', () => {
    const exported = new Set(
      sdkValueExports(path.join(repoRoot, 'node_modules/@openshift-console/dynamic-plugin-sdk')),
    );
    expect(exported.size).toBeGreaterThan(100); // guards against a parse that finds nothing
    expect(sdkRuntimeNames.filter((n: string) => !exported.has(n))).toEqual([]);
  }, 60_000);

  it('provides the console components as components, PrometheusEndpoint as an enum, the rest as functions', () => {
    for (const name of ['ResourceLink', 'Timestamp', 'DocumentTitle', 'ListPageHeader', 'ListPageBody']) {
      expect(sdkRuntimeNames, name).toContain(name);
    }
    for (const name of sdkRuntimeNames as string[]) {
      expect(typeof (standIn as Record<string, unknown>)[name], name).toBe(
        name === 'PrometheusEndpoint' ? 'object' : 'function',
      );
    }
  });
});
