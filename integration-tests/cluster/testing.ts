/** Helpers for the simulator's own tests and for suites that drive it (not a test file). */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCluster, type ClusterOptions, type RunningCluster } from './server';
import type { World } from './sim-api';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const UPSTREAM_CLUSTER = path.join(SHARED, 'fixtures-upstream/cluster');
export const HAS_SHARED = fs.existsSync(UPSTREAM_CLUSTER);

export const EMPTY_WORLD: World = { mutating: [], validating: [], controllers: [] };

/** A temp seed dir from { 'file.yaml': 'yaml text' }. */
export function tempSeed(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-seed-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Users of the team brief: viewer reads everything but secrets (cluster-reader), project-user administers team-a. */
export const RBAC_SEED = `
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewer-cluster-reader}
subjects: [{kind: User, name: viewer, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: cluster-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: project-user-admin, namespace: team-a}
subjects: [{kind: User, name: project-user, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io}
`;

export async function start(opts: ClusterOptions = {}): Promise<RunningCluster> {
  return startCluster({ world: EMPTY_WORLD, ...opts });
}

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** fetch + JSON; `type` picks the patch content type. */
export async function call(
  base: string,
  method: string,
  p: string,
  body?: unknown,
  opts: { type?: string; user?: string; accept?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = { 'Content-Type': opts.type ?? 'application/json' };
  if (opts.user) headers['Impersonate-User'] = opts.user;
  if (opts.accept) headers.Accept = opts.accept;
  const r = await fetch(base + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (e.g. "404 page not found")
  }
  return { status: r.status, body: parsed, headers: r.headers };
}

/** The kubectl the kubectl suites run (`$KUBECTL`, else `kubectl` on the PATH). */
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export type Kubectl = (...args: string[]) => Promise<{ code: number; out: string; err: string }>;

const run = promisify(execFile);

/**
 * kubectl with a kubeconfig (user with no credentials: cluster-admin) for the simulator at `url`; `file` writes
 * a file into `dir`. A failed command resolves with its exit code and output rather than throwing.
 */
export function kubectlFor(
  url: string,
  dir: string,
): { kubectl: Kubectl; file: (name: string, text: string) => string; kubeconfig: string } {
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const kubeconfig = file(
    'kubeconfig',
    `apiVersion: v1
kind: Config
clusters: [{name: sim, cluster: {server: "${url}"}}]
users: [{name: admin, user: {}}]
contexts: [{name: sim, context: {cluster: sim, user: admin}}]
current-context: sim
`,
  );
  const kubectl: Kubectl = async (...args) => {
    try {
      const r = await run(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { timeout: 20000 });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number | string; stdout: string; stderr: string };
      return {
        code: typeof x.code === 'number' ? x.code : 127,
        out: x.stdout ?? '',
        err: x.stderr ?? String(e),
      };
    }
  };
  return { kubectl, file, kubeconfig };
}

/** Whether kubectl can be run here (kubectl suites skip, saying so, when not). */
export function hasKubectl(): boolean {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
