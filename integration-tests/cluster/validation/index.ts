import { ApiError, type K8sObject } from '../sim-api';
import { type JSONSchema, type ResourceType } from '../registry';
import { aggregateMessage, toCause, type FieldError } from './field-errors';
import { applyDefaults, prune, validate } from './schema';

export function schemaFor(rt: ResourceType, version: string): JSONSchema | undefined {
  return rt.schemas[version] ?? rt.schemas[rt.preferredVersion];
}

/** Prunes unknown fields of a custom resource in place; returns their paths. */
export function pruneObject(rt: ResourceType, version: string, obj: K8sObject): string[] {
  const schema = schemaFor(rt, version);
  return schema ? prune(schema, obj) : [];
}

export function defaultObject(rt: ResourceType, version: string, obj: K8sObject): void {
  const schema = schemaFor(rt, version);
  if (schema) applyDefaults(schema, obj);
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateName(rt: ResourceType, name: string | undefined, errors: FieldError[]): void {
  if (!name) {
    errors.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
    return;
  }
  if (rt.group === 'rbac.authorization.k8s.io') return; // RBAC names are path segments ("system:...")
  if (rt.kind === 'Namespace') {
    if (!LABEL.test(name) || name.length > 63) {
      errors.push({
        type: 'Invalid',
        field: 'metadata.name',
        value: name,
        detail: `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      });
    }
  } else if (!SUBDOMAIN.test(name) || name.length > 253) {
    errors.push({
      type: 'Invalid',
      field: 'metadata.name',
      value: name,
      detail: `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    });
  }
}

/** Schema (and CEL) validation; throws the apiserver's 422 Invalid with one cause per field error. */
export function validateObject(rt: ResourceType, version: string, obj: K8sObject, old?: K8sObject): void {
  const errors: FieldError[] = [];
  validateName(rt, obj.metadata?.name, errors);
  const schema = schemaFor(rt, version);
  if (schema) {
    // metadata is checked by the apiserver itself, not by the CRD schema
    const { metadata: _m, ...body } = obj;
    const { metadata: _o, ...oldBody } = old ?? ({} as K8sObject);
    const { metadata: _s, ...bodySchemaProps } = schema.properties ?? {};
    const bodyRequired = schema.required?.filter((r) => r !== 'metadata');
    validate(
      { ...schema, properties: bodySchemaProps, required: bodyRequired },
      body,
      '',
      errors,
      old ? oldBody : undefined,
    );
    // A CRD may restrict metadata.name (HCO pins "kubevirt-hyperconverged").
    const nameSchema = schema.properties?.metadata?.properties?.name;
    if (nameSchema && obj.metadata?.name) validate(nameSchema, obj.metadata.name, 'metadata.name', errors);
  }
  if (errors.length) throw invalid(rt, obj.metadata?.name ?? '', errors);
}

/**
 * 422 Invalid naming the kind (`StorageClass.storage.k8s.io "x" is invalid: ...`), or the resource where the
 * generic registry names it so (`storageprofiles.cdi.kubevirt.io "x" ...` for a missing resourceVersion).
 */
export function invalid(
  rt: ResourceType,
  name: string,
  errors: FieldError[],
  by: 'kind' | 'resource' = 'kind',
): ApiError {
  const kind = by === 'kind' ? rt.kind : rt.plural;
  return new ApiError(
    422,
    'Invalid',
    `${rt.group ? `${kind}.${rt.group}` : kind} "${name}" is invalid: ${aggregateMessage(errors)}`,
    errors.map(toCause),
    { name, group: rt.group, kind },
  );
}
