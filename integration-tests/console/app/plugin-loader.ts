import type { ShareScope } from './share-scope';

/**
 * Loads a dynamic plugin the way console 4.22 does (console-host-facts.md, "Loading"): manifest from
 * `/api/plugins/<name>/plugin-manifest.json`, entry scripts from its `baseURL`, the entry registers its
 * container through `window.__load_plugin_entry__`, the host inits it with the share scope, and every
 * `{$codeRef: "Module.export"}` in the extensions becomes a function resolving `container.get(Module)`.
 */

export interface PluginManifest {
  name: string;
  version: string;
  baseURL?: string;
  loadScripts: string[];
  buildHash?: string;
  registrationMethod?: string;
  extensions: { type: string; properties: Record<string, unknown>; flags?: ExtensionFlags }[];
}

interface RemoteContainer {
  init(shareScope: ShareScope): Promise<void> | void;
  get(module: string): Promise<() => Record<string, unknown>>;
}

export type CodeRef<T = unknown> = () => Promise<T>;

/** `flags.required` must all be set and `flags.disallowed` all unset for the extension to be in use. */
export interface ExtensionFlags {
  required?: string[];
  disallowed?: string[];
}

export interface LoadedExtension {
  type: string;
  properties: Record<string, unknown>;
  flags?: ExtensionFlags;
  pluginName: string;
  /** Unique per loaded extension, like the PluginStore's `uid` (`<plugin>[<index>]_<buildHash>`). */
  uid: string;
}

declare global {
  interface Window {
    __load_plugin_entry__?: (name: string, container: RemoteContainer) => void;
  }
}

const pendingEntries = new Map<string, (container: RemoteContainer) => void>();

const registerEntryCallback = () => {
  window.__load_plugin_entry__ = (name, container) => {
    const resolve = pendingEntries.get(name);
    if (!resolve) {
      throw new Error(`Plugin entry callback for unexpected plugin "${name}"`);
    }
    pendingEntries.delete(name);
    resolve(container);
  };
};

const loadScript = (src: string) =>
  new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Failed to load plugin script ${src}`));
    document.head.appendChild(script);
  });

const isCodeRef = (v: unknown): v is { $codeRef: string } =>
  !!v && typeof v === 'object' && typeof (v as { $codeRef?: unknown }).$codeRef === 'string';

const resolveCodeRefs = (value: unknown, container: RemoteContainer): unknown => {
  if (isCodeRef(value)) {
    const [moduleName, exportName = 'default'] = value.$codeRef.split('.');
    const ref: CodeRef = async () => {
      const factory = await container.get(moduleName);
      const exported = factory()[exportName];
      if (exported === undefined) {
        throw new Error(`Code reference ${value.$codeRef} resolves to undefined`);
      }
      return exported;
    };
    return ref;
  }
  if (Array.isArray(value)) {
    return value.map((v) => resolveCodeRefs(v, container));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveCodeRefs(v, container)]));
  }
  return value;
};

export const loadPlugin = async (name: string, shareScope: ShareScope): Promise<LoadedExtension[]> => {
  registerEntryCallback();
  const base = `/api/plugins/${name}/`;
  const response = await fetch(`${base}plugin-manifest.json`);
  if (!response.ok) {
    throw new Error(`Plugin manifest of ${name}: HTTP ${response.status} ${response.statusText}`);
  }
  const manifest: PluginManifest = await response.json();
  const baseURL = manifest.baseURL ?? base;
  const containerReady = new Promise<RemoteContainer>((resolve) =>
    pendingEntries.set(manifest.name, resolve),
  );
  await Promise.all(manifest.loadScripts.map((s) => loadScript(`${baseURL}${s}`)));
  const container = await containerReady;
  await container.init(shareScope);
  return manifest.extensions.map((e, index) => ({
    type: e.type,
    properties: resolveCodeRefs(e.properties, container) as Record<string, unknown>,
    ...(e.flags ? { flags: e.flags } : {}),
    pluginName: manifest.name,
    uid: `${manifest.name}[${index}]_${manifest.buildHash ?? ''}`,
  }));
};
