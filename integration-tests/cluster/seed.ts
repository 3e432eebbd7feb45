import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import type { K8sObject } from './sim-api';

export interface SeedObject {
  file: string;
  object: K8sObject;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Every object of every `*.yaml` under the seed dirs (recursive, sorted by path; `List` kinds unpacked). */
export function readSeeds(dirs: string[]): SeedObject[] {
  const out: SeedObject[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) throw new Error(`seed directory not found: ${dir}`);
    for (const file of yamlFiles(dir).sort()) {
      let docs: unknown[];
      try {
        docs = yaml.loadAll(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
      for (const doc of docs) {
        if (!doc) continue;
        const obj = doc as K8sObject;
        if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
          for (const item of obj.items as K8sObject[]) out.push({ file, object: item });
        } else out.push({ file, object: obj });
      }
    }
  }
  return out;
}

/** File name of a seed directory's registry declarations (not an object file: the loader skips it). */
export const REGISTRY_SEED_FILE = 'registry.json';

/**
 * The digests the simulated registries serve at seed time, `{"digests": {"<source url>": "sha256:<hex>"}}` in a
 * seed directory's `registry.json` (later directories win). Lets a seed show a cron whose source has moved on.
 */
export function readRegistrySeeds(dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of dirs) {
    const file = path.join(dir, REGISTRY_SEED_FILE);
    if (!fs.existsSync(file)) continue;
    let parsed: { digests?: Record<string, unknown> };
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
    for (const [url, digest] of Object.entries(parsed.digests ?? {})) {
      if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
        throw new Error(`${file}: digest for ${url} must be "sha256:<64 hex digits>"`);
      out[url] = digest;
    }
  }
  return out;
}
