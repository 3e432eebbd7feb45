import { badRequest } from './errors';

/** A fault rule posted to /_sim/faults. `times` unset = until cleared. */
export interface FaultRule {
  method?: string;
  pathRegex: string;
  status?: number;
  body?: unknown;
  latencyMs?: number;
  times?: number;
  /** Writes (PUT/PATCH/POST) answer 409 Conflict with the apiserver's message. */
  conflict?: true;
  /** Watches on matching paths are closed (open ones at once, new ones right after they start). */
  dropWatches?: true;
}

interface ActiveRule extends FaultRule {
  id: number;
  re: RegExp;
}

export interface FaultOutcome {
  latencyMs: number;
  status?: { code: number; body?: unknown };
  conflict: boolean;
  dropWatch: boolean;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): ActiveRule {
    if (!rule || typeof rule.pathRegex !== 'string') throw badRequest('fault rule needs pathRegex (string)');
    let re: RegExp;
    try {
      re = new RegExp(rule.pathRegex);
    } catch (e) {
      throw badRequest(`fault rule pathRegex: ${(e as Error).message}`);
    }
    const active = { ...rule, id: this.nextId++, re };
    this.rules.push(active);
    return active;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ re: _re, ...r }) => r);
  }

  /** What the matching rules do to this request (consuming their `times`). Path includes the query. */
  apply(method: string, path: string, isWatch: boolean): FaultOutcome {
    const out: FaultOutcome = { latencyMs: 0, conflict: false, dropWatch: false };
    const isWrite = ['PUT', 'PATCH', 'POST'].includes(method);
    for (const r of [...this.rules]) {
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (!r.re.test(path)) continue;
      if (r.dropWatches && !isWatch) continue;
      if (r.conflict && !isWrite) continue;
      let used = false;
      if (r.latencyMs) {
        out.latencyMs += r.latencyMs;
        used = true;
      }
      if (r.dropWatches && !out.dropWatch) out.dropWatch = used = true;
      else if (r.conflict && !out.conflict && !out.status) out.conflict = used = true;
      else if (r.status && !out.status && !out.conflict) {
        out.status = { code: r.status, body: r.body };
        used = true;
      }
      if (used && r.times !== undefined && --r.times <= 0) this.rules = this.rules.filter((x) => x !== r);
    }
    return out;
  }

  /** Counts one use of a rule (a dropWatches rule that closed open watches when added). */
  consume(id: number): void {
    const r = this.rules.find((x) => x.id === id);
    if (r?.times !== undefined && --r.times <= 0) this.rules = this.rules.filter((x) => x !== r);
  }

  /** Rules that drop watches, for closing the open ones when such a rule is added. */
  watchDroppers(): RegExp[] {
    return this.rules.filter((r) => r.dropWatches).map((r) => r.re);
  }
}
