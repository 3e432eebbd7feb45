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
