import { createHash } from 'node:crypto';
import type { JSONSchema, Registry, ResourceType } from './registry';

/** Reverse-DNS schema name as the apiserver builds it, e.g. io.kubevirt.hco.v1beta1.HyperConverged. */
function schemaName(rt: ResourceType, version: string): string {
  const group = rt.group ? rt.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${version}.${rt.kind}`;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

/**
 * One OpenAPI v3 document per group-version: schemas with x-kubernetes-group-version-kind (CRD schemas as
 * written, a permissive object for builtin kinds) and PATCH operations declaring `fieldValidation`, which is
 * how kubectl learns that the server validates fields itself.
 */
export class OpenApi {
  private readonly docs = new Map<string, string>();
  private rootDoc = '';

  constructor(registry: Registry) {
    const gvs = new Map<string, { group: string; version: string; types: ResourceType[] }>();
    for (const rt of registry.all()) {
      for (const v of rt.versions) {
        const k = gvPath(rt.group, v);
        const e = gvs.get(k) ?? { group: rt.group, version: v, types: [] };
        e.types.push(rt);
        gvs.set(k, e);
      }
    }
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [p, { group, version, types }] of gvs) {
      const doc = JSON.stringify(this.build(group, version, types));
      const hash = createHash('sha512').update(doc).digest('hex').slice(0, 32).toUpperCase();
      this.docs.set(p, doc);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
    this.rootDoc = JSON.stringify({ paths });
  }

  root(): string {
    return this.rootDoc;
  }

  /** `api/v1` or `apis/<g>/<v>`. */
  doc(gv: string): string | undefined {
    return this.docs.get(gv);
  }

  private build(group: string, version: string, types: ResourceType[]): object {
    const schemas: Record<string, unknown> = {
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      },
    };
    const paths: Record<string, unknown> = {};
    for (const rt of types) {
      const gvk = [{ group, version, kind: rt.kind }];
      const crdSchema: JSONSchema | undefined = rt.schemas[version];
      const base: JSONSchema = crdSchema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      schemas[schemaName(rt, version)] = {
        ...base,
        properties: {
          ...(base.properties ?? {}),
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: {
            allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
            default: {},
          },
        },
        'x-kubernetes-group-version-kind': gvk,
      };
      const prefix = `/${gvPath(group, version)}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}/{name}`;
      const ref = { $ref: `#/components/schemas/${schemaName(rt, version)}` };
      const op = (action: string) => ({
        operationId: `${action}${rt.kind}`,
        parameters: PARAMS,
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
        'x-kubernetes-action': action,
        'x-kubernetes-group-version-kind': gvk[0],
      });
      paths[prefix] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
    }
    return {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.32.0-sim' },
      paths,
      components: { schemas },
    };
  }
}
