/**
 * A small Kubernetes REST client for specs: talks to the cluster simulator directly (not through the
 * console host), as cluster-admin unless `.as(user)` is used. Failed requests throw `K8sRequestError`
 * carrying the HTTP status and the apiserver's `Status` body.
 */

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export class K8sRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    method: string,
    path: string,
  ) {
    super(`${method} ${path}: HTTP ${status} ${JSON.stringify(body)}`);
  }
}

/** `/api/v1/...` for the core group, `/apis/<group>/<version>/...` otherwise. */
export const resourcePath = (r: {
  group?: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
}): string =>
  `${r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`}` +
  `${r.namespace ? `/namespaces/${r.namespace}` : ''}/${r.plural}${r.name ? `/${r.name}` : ''}`;

/** Paths of the kinds most specs touch. */
export const PATHS = {
  storageClasses: '/apis/storage.k8s.io/v1/storageclasses',
  storageProfiles: '/apis/cdi.kubevirt.io/v1beta1/storageprofiles',
  volumeSnapshotClasses: '/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses',
  hyperConvergeds: '/apis/hco.kubevirt.io/v1beta1/hyperconvergeds',
  cdiConfigs: '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs',
  hostPathProvisioners: '/apis/hostpathprovisioner.kubevirt.io/v1beta1/hostpathprovisioners',
  persistentVolumeClaims: '/api/v1/persistentvolumeclaims',
} as const;

export class K8sClient {
  constructor(
    readonly baseUrl: string,
    readonly user?: string,
  ) {}

  /** The same cluster seen by another user (`Impersonate-User`). */
  as(user: string | undefined): K8sClient {
    return new K8sClient(this.baseUrl, user);
  }

  /** Any request; never throws on an HTTP error status. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
    }
    if (this.user) {
      headers['Impersonate-User'] = this.user;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T };
  }

  private async ok<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.request(method, path, body, contentType);
    if (res.status >= 400) {
      throw new K8sRequestError(res.status, res.body, method, path);
    }
    return res.body as T;
  }

  get<T = K8sObject>(path: string): Promise<T> {
    return this.ok('GET', path);
  }

  async list<T = K8sObject>(path: string): Promise<T[]> {
    return (await this.ok<{ items: T[] }>('GET', path)).items;
  }

  create<T = K8sObject>(path: string, obj: unknown): Promise<T> {
    return this.ok('POST', path, obj);
  }

  replace<T = K8sObject>(path: string, obj: unknown): Promise<T> {
    return this.ok('PUT', path, obj);
  }

  patch<T = K8sObject>(path: string, ops: JsonPatchOp[]): Promise<T> {
    return this.ok('PATCH', path, ops, 'application/json-patch+json');
  }

  mergePatch<T = K8sObject>(path: string, patch: unknown): Promise<T> {
    return this.ok('PATCH', path, patch, 'application/merge-patch+json');
  }

  delete(path: string): Promise<unknown> {
    return this.ok('DELETE', path);
  }
}

/** The object without what the apiserver bumps on every write and without the annotations. */
export const withoutAnnotations = <T extends K8sObject>(o: T) => {
  const { resourceVersion, generation, managedFields, annotations, ...metadata } = o.metadata as Record<
    string,
    unknown
  >;
  void resourceVersion;
  void generation;
  void managedFields;
  void annotations;
  return { ...o, metadata };
};

/** The object's annotations ({} when it has none). */
export const annotationsOf = (o: K8sObject): Record<string, string> =>
  ((o.metadata as { annotations?: Record<string, string> }).annotations ?? {}) as Record<string, string>;
