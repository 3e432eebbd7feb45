import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { repoRoot } from './nginx-plugin-server';

/** deploy/ as `kubectl kustomize` renders it (no other tool), as plain objects. */

export const DEPLOY_DIR = path.join(repoRoot, 'deploy');

export const findKubectl = (): string | undefined =>
  ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => fs.existsSync(p));

export const kubectlMissingReason = (): string | undefined =>
  findKubectl()
    ? undefined
    : 'kubectl is not installed (Debian package "kubernetes-client"; .ci/run installs it)';

// Loosely typed on purpose: the tests read what the manifests say, field by field.
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [k: string]: any;
};

export const renderDeploy = (): { text: string; objects: Manifest[] } => {
  const text = execFileSync(findKubectl()!, ['kustomize', DEPLOY_DIR], { encoding: 'utf8' });
  const objects = yaml.loadAll(text).filter(Boolean) as Manifest[];
  return { text, objects };
};

export const only = (objects: Manifest[], kind: string): Manifest => {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in deploy/, found ${found.length}`);
  return found[0];
};
