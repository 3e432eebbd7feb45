import protobuf from 'protobufjs';
import type { K8sObject } from './sim-api';
import { badRequest } from './errors';

/**
 * The Kubernetes protobuf messages kubectl sends (`auth can-i [--list]`, `create namespace|configmap|role|
 * clusterrole|rolebinding|clusterrolebinding`):
 * the `k8s\0` magic, a runtime.Unknown envelope, then the typed message. Field numbers from k8s.io/api generated.proto.
 */
const PROTO = `
syntax = "proto2";
package k8s;
message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2; optional string contentEncoding = 3; optional string contentType = 4; }
message ObjectMeta {
  optional string name = 1; optional string generateName = 2; optional string namespace = 3;
  map<string, string> labels = 11; map<string, string> annotations = 12; repeated string finalizers = 14;
}
message ResourceAttributes {
  optional string namespace = 1; optional string verb = 2; optional string group = 3; optional string version = 4;
  optional string resource = 5; optional string subresource = 6; optional string name = 7;
}
message NonResourceAttributes { optional string path = 1; optional string verb = 2; }
message SelfSubjectAccessReviewSpec { optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2; }
message SelfSubjectAccessReview { optional ObjectMeta metadata = 1; optional SelfSubjectAccessReviewSpec spec = 2; }
message SubjectAccessReviewSpec {
  optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2;
  optional string user = 3; repeated string groups = 4; optional string uid = 6;
}
message SubjectAccessReview { optional ObjectMeta metadata = 1; optional SubjectAccessReviewSpec spec = 2; }
message LocalSubjectAccessReview { optional ObjectMeta metadata = 1; optional SubjectAccessReviewSpec spec = 2; }
message SelfSubjectRulesReviewSpec { optional string namespace = 1; }
message SelfSubjectRulesReview { optional ObjectMeta metadata = 1; optional SelfSubjectRulesReviewSpec spec = 2; }
message NamespaceSpec { repeated string finalizers = 1; }
message Namespace { optional ObjectMeta metadata = 1; optional NamespaceSpec spec = 2; }
message ConfigMap { optional ObjectMeta metadata = 1; map<string, string> data = 2; map<string, bytes> binaryData = 3; optional bool immutable = 4; }
message PolicyRule {
  repeated string verbs = 1; repeated string apiGroups = 2; repeated string resources = 3; repeated string resourceNames = 4;
  repeated string nonResourceURLs = 5;
}
message LabelSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message LabelSelector { map<string, string> matchLabels = 1; repeated LabelSelectorRequirement matchExpressions = 2; }
message AggregationRule { repeated LabelSelector clusterRoleSelectors = 1; }
message Role { optional ObjectMeta metadata = 1; repeated PolicyRule rules = 2; }
message ClusterRole { optional ObjectMeta metadata = 1; repeated PolicyRule rules = 2; optional AggregationRule aggregationRule = 3; }
message Subject { optional string kind = 1; optional string apiGroup = 2; optional string name = 3; optional string namespace = 4; }
message RoleRef { optional string apiGroup = 1; optional string kind = 2; optional string name = 3; }
message RoleBinding { optional ObjectMeta metadata = 1; repeated Subject subjects = 2; optional RoleRef roleRef = 3; }
message ClusterRoleBinding { optional ObjectMeta metadata = 1; repeated Subject subjects = 2; optional RoleRef roleRef = 3; }
`;

const DECODABLE = [
  'SelfSubjectAccessReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
  'Namespace',
  'ConfigMap',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
];

const root = protobuf.parse(PROTO, { keepCase: true }).root;
root.resolveAll();
const Unknown = root.lookupType('k8s.Unknown');
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/vnd.kubernetes.protobuf');
}

/** Decodes a protobuf request body into the JSON object the apiserver would have decoded. */
export function decodeProtobuf(body: Buffer): K8sObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw badRequest('protobuf body without the k8s magic prefix');
  const env = Unknown.toObject(Unknown.decode(body.subarray(4)), { defaults: false }) as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: Uint8Array;
  };
  const kind = env.typeMeta?.kind ?? '';
  if (!DECODABLE.includes(kind)) {
    throw badRequest(`the simulator cannot decode protobuf ${kind}; send JSON`);
  }
  const type = root.lookupType(`k8s.${kind}`);
  const msg = type.toObject(type.decode(env.raw ?? new Uint8Array()), {
    defaults: false,
    bytes: String,
  }) as Record<string, unknown>;
  return {
    apiVersion: env.typeMeta?.apiVersion ?? 'v1',
    kind,
    metadata: {},
    ...dropEmpty(type, msg),
  } as K8sObject;
}

/**
 * Go decodes an empty proto string as the zero value, which JSON then omits (`omitempty`): do the same for
 * string fields of messages, but keep map values (a label or ConfigMap value may be "") and list items.
 */
function dropEmpty(type: protobuf.Type, v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const field = type.fields[k];
    if (x === '' || x === null || x === undefined) continue;
    const message = field?.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    if (!message || field.map) out[k] = x;
    else if (Array.isArray(x)) out[k] = x.map((item) => dropEmpty(message, item as Record<string, unknown>));
    else out[k] = dropEmpty(message, x as Record<string, unknown>);
  }
  return out;
}
