import type { HyperConvergedLookup } from '../k8s/hyperconverged';
import { readK8sError } from '../k8s/k8s-errors';
import type { Watched } from '../k8s/watch-state';
import { FINDING_ORDER, IMPACT_ORDER, INPUT_NAMES, RULES, runbookUrl, type HealthInputKey } from './catalog';
import type { Rule, RuleData } from './rules/context';
import { bootSourcesFailing, bootSourcesOutdated, goldenImagesUnsupportedArch } from './rules/boot-sources';
import { cdiModified, cdiNotReady, dataVolumesRestarting, hppDegraded } from './rules/operators';
import {
  defaultClassDegraded,
  multipleVirtDefaults,
  noDefaultClass,
  profilesIncomplete,
} from './rules/storage-classes';
import type { Finding, FindingId, HealthInputs, HealthReport, UncheckedRule } from './types';

const RULE_FUNCTIONS: Record<FindingId, Rule> = {
  'cdi-not-ready': cdiNotReady,
  'no-default-class': noDefaultClass,
  'default-class-degraded': defaultClassDegraded,
  'multiple-virt-defaults': multipleVirtDefaults,
  'profiles-incomplete': profilesIncomplete,
  'boot-sources-failing': bootSourcesFailing,
  'boot-sources-outdated': bootSourcesOutdated,
  'golden-images-unsupported-arch': goldenImagesUnsupportedArch,
  'datavolumes-restarting': dataVolumesRestarting,
  'hpp-degraded': hppDegraded,
  'cdi-modified': cdiModified,
};

type Failure = 'loading' | 'forbidden' | 'error';
type Read = { ok: true; data: unknown[] } | { ok: false; reason: Failure };

/** A list as a rule may read it: an API that is not served is empty; loading/forbidden/error are not. */
const readWatched = (w: Watched<unknown[]> | undefined): Read => {
  if (!w) return { ok: false, reason: 'loading' };
  switch (w.status) {
    case 'loaded':
      return { ok: true, data: w.data ?? [] };
    case 'api-missing':
    case 'not-found':
      return { ok: true, data: [] };
    case 'loading':
      return { ok: false, reason: 'loading' };
    case 'forbidden':
      return { ok: false, reason: 'forbidden' };
    default:
      return { ok: false, reason: 'error' };
  }
};

const readHyperConverged = (lookup: HyperConvergedLookup): Read => {
  switch (lookup.state) {
    case 'found':
      return { ok: true, data: [lookup.hyperConverged] };
    case 'not-installed':
      return { ok: true, data: [] };
    case 'loading':
      return { ok: false, reason: 'loading' };
    default:
      return {
        ok: false,
        reason: readK8sError(lookup.error).kind === 'forbidden' ? 'forbidden' : 'error',
      };
  }
};

const readInput = (inputs: HealthInputs, key: HealthInputKey): Read =>
  key === 'hyperConverged'
    ? readHyperConverged(inputs.hyperConverged)
    : readWatched(inputs[key] as Watched<unknown[]> | undefined);

const impactRank = (f: Finding) => IMPACT_ORDER.indexOf(f.impact);
const ruleRank = (id: FindingId) => FINDING_ORDER.indexOf(id);

/** The first failure that says most: a definite refusal or error before "still loading". */
const unchecked = (id: FindingId, failures: { key: HealthInputKey; reason: Failure }[]): UncheckedRule => {
  const hard = failures.filter((f) => f.reason !== 'loading');
  const shown = hard.length ? hard : failures;
  return {
    id,
    alert: RULES[id].alert,
    reason: shown[0].reason,
    inputs: shown.map((f) => INPUT_NAMES[f.key]),
  };
};

/**
 * Evaluates the health rules (all, or `ids`) on the inputs. Pure. A rule whose input is loading, forbidden
 * or failed is unchecked (never "passed"); an API that is not served counts as empty.
 * Findings: critical before warning before info, then in FindingId order; objects sorted by name.
 */
export function computeHealth(inputs: HealthInputs, ids?: readonly FindingId[]): HealthReport {
  const wanted = FINDING_ORDER.filter((id) => !ids || ids.includes(id));
  const reads = new Map<HealthInputKey, Read>();
  const read = (key: HealthInputKey): Read => {
    if (!reads.has(key)) reads.set(key, readInput(inputs, key));
    return reads.get(key) as Read;
  };

  const report: HealthReport = { findings: [], unchecked: [], passed: [] };
  wanted.forEach((id) => {
    const meta = RULES[id];
    const optional = meta.optionalInputs ?? [];
    const failures = [...meta.inputs, ...optional].flatMap((key) => {
      const r = read(key);
      // An optional input that cannot be read is passed as undefined; one still loading is waited for.
      if (r.ok || (optional.includes(key) && r.reason !== 'loading')) return [];
      return [{ key, reason: r.reason }];
    });
    if (failures.length) {
      report.unchecked.push(unchecked(id, failures));
      return;
    }
    const data: Record<string, unknown> = { now: inputs.now };
    [...meta.inputs, ...optional].forEach((key) => {
      const r = read(key);
      if (r.ok) data[key] = r.data;
    });
    const outcome = RULE_FUNCTIONS[id](data as unknown as RuleData);
    if (outcome === null) {
      report.passed.push(id);
    } else if ('undetermined' in outcome) {
      report.unchecked.push(
        unchecked(
          id,
          outcome.undetermined.map((key) => {
            const r = read(key);
            return { key, reason: r.ok ? 'error' : r.reason };
          }),
        ),
      );
    } else {
      report.findings.push({
        id,
        alert: meta.alert,
        impact: meta.impact,
        objects: outcome.objects,
        ...(outcome.fix ? { fix: outcome.fix } : {}),
        runbookUrl: runbookUrl(meta.alert),
        pages: meta.pages,
      });
    }
  });
  report.findings.sort((a, b) => impactRank(a) - impactRank(b) || ruleRank(a.id) - ruleRank(b.id));
  return report;
}
