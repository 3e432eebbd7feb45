import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CRDS, CRDS } from '../crds/definitions';
import { CONSOLE_SUBDIR, renderCrd } from '../crds/write-crds';
import { loadCrds, resourceTypeFromCrd, type ResourceType } from '../registry';
import { ApiError, type K8sObject } from '../sim-api';
import { defaultObject, pruneObject, validateObject } from '../validation';
import { CRDS_DIR } from './test-helpers';

const UPSTREAM_CRDS = path.resolve(__dirname, '../../../../shared/crds');
const HAS_UPSTREAM = fs.existsSync(UPSTREAM_CRDS);
if (!HAS_UPSTREAM) {
  console.warn(
    `../shared not present: ${UPSTREAM_CRDS} is missing; skipping the comparison with upstream CRDs`,
  );
}
const CONSOLE_DIR = path.join(CRDS_DIR, CONSOLE_SUBDIR);
const UPSTREAM_CONSOLE_CRDS = path.resolve(__dirname, '../../../../shared/console-crds');
const HAS_UPSTREAM_CONSOLE = fs.existsSync(UPSTREAM_CONSOLE_CRDS);
if (!HAS_UPSTREAM_CONSOLE) {
  console.warn(
    `../shared not present: ${UPSTREAM_CONSOLE_CRDS} is missing; skipping the comparison with the upstream console CRDs`,
  );
}

/** What discovery and the handlers see of a CRD directory's kinds. */
const summary = (dir: string) =>
  Object.fromEntries(
    loadCrds(dir).map((crd) => {
      const rt = resourceTypeFromCrd(crd);
      const {
        group,
        versions,
        preferredVersion,
        plural,
        singular,
        namespaced,
        shortNames,
        statusSubresource,
      } = rt;
      return [
        rt.kind,
        { group, versions, preferredVersion, plural, singular, namespaced, shortNames, statusSubresource },
      ];
    }),
  );

describe('our CRD manifests', () => {
  it('are the rendering of definitions.ts (run `npm run crds`)', () => {
    for (const name of Object.keys(CRDS)) {
      expect(fs.readFileSync(path.join(CRDS_DIR, name), 'utf8'), name).toBe(renderCrd(name));
    }
    for (const name of Object.keys(CONSOLE_CRDS)) {
      expect(fs.readFileSync(path.join(CONSOLE_DIR, name), 'utf8'), name).toBe(renderCrd(name, CONSOLE_CRDS));
    }
  });

  it.runIf(HAS_UPSTREAM)(
    'serve the same kinds, versions, scope, names and status subresources as upstream',
    () => {
      expect(summary(CRDS_DIR)).toEqual(summary(UPSTREAM_CRDS));
    },
  );
});

/** Our console CRDs against openshift/api's: same kinds, and the same verdicts on what an installation writes. */
describe('our console CRD manifests', () => {
  it.runIf(HAS_UPSTREAM_CONSOLE)(
    'serve the same kinds, versions, scope, names and status subresources',
    () => {
      expect(summary(CONSOLE_DIR)).toEqual(summary(UPSTREAM_CONSOLE_CRDS));
    },
  );

  const plugin = (spec: unknown): K8sObject => ({
    apiVersion: 'console.openshift.io/v1',
    kind: 'ConsolePlugin',
    metadata: { name: 'plugin' },
    spec,
  });
  const consoleConfig = (spec: unknown): K8sObject => ({
    apiVersion: 'operator.openshift.io/v1',
    kind: 'Console',
    metadata: { name: 'cluster' },
    spec,
  });
  const backend = { type: 'Service', service: { name: 'plugin', namespace: 'plugin', port: 9443 } };
  const CASES: K8sObject[] = [
    plugin({ displayName: 'Plugin', backend, i18n: { loadType: 'Preload' } }),
    plugin({
      displayName: 'Plugin',
      backend: { ...backend, service: { ...backend.service, basePath: '/plugin/' } },
      proxy: [
        { alias: 'api', endpoint: { type: 'Service', service: backend.service }, authorization: 'UserToken' },
      ],
      contentSecurityPolicy: [{ directive: 'ImgSrc', values: ['https://images.example.com'] }],
    }),
    plugin({ backend }),
    plugin({ displayName: '', backend: { type: 'Route' } }),
    plugin({ displayName: 'x', backend: { ...backend, service: { ...backend.service, port: 70000 } } }),
    plugin({
      displayName: 'x',
      backend: { ...backend, service: { ...backend.service, basePath: 'has space' } },
    }),
    plugin({ displayName: 'x', backend, i18n: { loadType: 'Eager' } }),
    plugin({ displayName: 'x', backend, proxy: [{ alias: 'bad alias!', endpoint: { type: 'Service' } }] }),
    plugin({ displayName: 'x', backend, contentSecurityPolicy: [{ directive: 'ScriptSrc', values: ['*'] }] }),
    consoleConfig({ managementState: 'Managed', plugins: ['a', 'b'] }),
    consoleConfig({ managementState: 'Sometimes' }),
    consoleConfig({ plugins: 'a' }),
    consoleConfig({ logLevel: 'Loud' }),
  ];

  /** The object as stored (defaults applied, unknown fields pruned), or the refusal's message. */
  const verdict = (rts: Map<string, ResourceType>, o: K8sObject): unknown => {
    const obj = structuredClone(o);
    const rt = rts.get(obj.kind)!;
    pruneObject(rt, 'v1', obj);
    defaultObject(rt, 'v1', obj);
    try {
      validateObject(rt, 'v1', obj);
      return obj;
    } catch (e) {
      if (e instanceof ApiError) return e.message;
      throw e;
    }
  };
  const kinds = (dir: string) =>
    new Map(loadCrds(dir).map((c) => [resourceTypeFromCrd(c).kind, resourceTypeFromCrd(c)]));

  it.runIf(HAS_UPSTREAM_CONSOLE)(
    'default, prune and refuse installation objects as the upstream CRDs do',
    () => {
      const ours = kinds(CONSOLE_DIR);
      const upstream = kinds(UPSTREAM_CONSOLE_CRDS);
      for (const o of CASES) expect(verdict(ours, o), JSON.stringify(o.spec)).toEqual(verdict(upstream, o));
    },
  );

  it('refuse a ConsolePlugin without displayName or with a port out of range, and default basePath', () => {
    const ours = kinds(CONSOLE_DIR);
    expect(verdict(ours, CASES[0])).toMatchObject({ spec: { backend: { service: { basePath: '/' } } } });
    expect(verdict(ours, CASES[2])).toBe(
      'ConsolePlugin.console.openshift.io "plugin" is invalid: spec.displayName: Required value',
    );
    expect(verdict(ours, CASES[4])).toContain(
      'spec.backend.service.port: Invalid value: 70000: spec.backend.service.port in body should be less than or equal to 65535',
    );
    expect(verdict(ours, CASES[9])).toMatchObject({ spec: { plugins: ['a', 'b'], logLevel: 'Normal' } });
  });
});
