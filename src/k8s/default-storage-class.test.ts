import { describe, expect, it } from 'vitest';
import {
  BETA_DEFAULT_CLASS_ANNOTATION,
  DEFAULT_CLASS_ANNOTATION,
  DEFAULT_VIRT_CLASS_ANNOTATION,
  classesAfter,
  defaultClasses,
  effectiveBootSourceClass,
  ignoredDefaultValues,
  isDefaultClass,
  planDefaultSwitch,
} from './default-storage-class';
import { applyAsApiserver } from './testing/apply-as-apiserver';
import type { StorageClass } from './types';

const sc = (name: string, created: string, annotations?: Record<string, string>): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, creationTimestamp: created, ...(annotations ? { annotations } : {}) },
  provisioner: 'csi.example.com',
});

const VIRT = 'storageclass.kubevirt.io~1is-default-virt-class';
const K8S = 'storageclass.kubernetes.io~1is-default-class';

describe('default classes', () => {
  it('counts only the exact value "true" (upstream compares case-sensitively)', () => {
    expect(
      isDefaultClass(sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: 'true' }), 'k8s'),
    ).toBe(true);
    for (const v of ['True', 'TRUE', 'yes', '1', 'false', '']) {
      expect(isDefaultClass(sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: v }), 'k8s')).toBe(
        false,
      );
    }
    expect(
      isDefaultClass(sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: 'true' }), 'virt'),
    ).toBe(false);
  });

  it('Kubernetes honours the beta annotation too; CDI does not', () => {
    const beta = sc('beta', '2026-01-02T00:00:00Z', { [BETA_DEFAULT_CLASS_ANNOTATION]: 'true' });
    expect(isDefaultClass(beta, 'k8s')).toBe(true);
    expect(effectiveBootSourceClass([beta])).toEqual({ source: 'none' });
  });

  it('orders several defaults as upstream picks them: newest first, then by name', () => {
    const classes = [
      sc('old', '2026-01-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
      sc('b-new', '2026-02-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
      sc('a-new', '2026-02-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
      sc('plain', '2026-03-01T00:00:00Z'),
    ];
    expect(defaultClasses(classes, 'virt').map((c) => c.metadata?.name)).toEqual(['a-new', 'b-new', 'old']);
    expect(effectiveBootSourceClass(classes)).toEqual({
      source: 'virt-default',
      className: 'a-new',
      others: ['b-new', 'old'],
    });
  });

  it('lists annotation values upstream ignores', () => {
    const classes = [sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'True' })];
    expect(ignoredDefaultValues(classes, 'virt')).toEqual([
      { className: 'a', annotation: DEFAULT_VIRT_CLASS_ANNOTATION, value: 'True' },
    ]);
    expect(ignoredDefaultValues(classes, 'k8s')).toEqual([]);
  });
});

describe('effectiveBootSourceClass', () => {
  const classes = [
    sc('rbd', '2026-01-01T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: 'true' }),
    sc('rbd-virt', '2026-01-01T00:00:01Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
  ];
  it('uses the template class, then the virt default, then the k8s default', () => {
    expect(effectiveBootSourceClass(classes, { explicitName: 'rbd' })).toEqual({
      source: 'explicit',
      className: 'rbd',
      exists: true,
    });
    expect(effectiveBootSourceClass(classes, { explicitName: 'gone' })).toMatchObject({ exists: false });
    expect(effectiveBootSourceClass(classes)).toMatchObject({
      source: 'virt-default',
      className: 'rbd-virt',
    });
    expect(effectiveBootSourceClass([classes[0]])).toEqual({
      source: 'k8s-default',
      className: 'rbd',
      others: [],
    });
    expect(effectiveBootSourceClass([])).toEqual({ source: 'none' });
  });
  it('skips the virt default for archive imports, as CDI does', () => {
    expect(effectiveBootSourceClass(classes, { contentType: 'archive' })).toEqual({
      source: 'k8s-default',
      className: 'rbd',
      others: [],
      virtSkipped: true,
    });
  });
});

describe('planDefaultSwitch', () => {
  const classes = [
    sc('rbd-virt', '2026-01-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true', description: 'x' }),
    sc('lvms', '2026-01-02T00:00:00Z'),
    sc('nfs', '2026-01-03T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'false' }),
  ];

  it('sets the new class first, then "false" on the old one; every patch is guarded', () => {
    const plan = planDefaultSwitch(classes, 'lvms', 'virt');
    if (plan.status !== 'ready') throw new Error(plan.status);
    expect(plan.oldDefaults).toEqual(['rbd-virt']);
    expect(plan.steps.map((s) => s.id)).toEqual(['set-new:lvms', 'unset-old:rbd-virt']);
    // lvms has no annotations at all: the guard proves they are still absent.
    expect(plan.steps[0].patch).toEqual([
      { op: 'test', path: '/metadata/annotations', value: null },
      { op: 'add', path: '/metadata/annotations', value: { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' } },
    ]);
    expect(plan.steps[1].patch).toEqual([
      { op: 'test', path: `/metadata/annotations/${VIRT}`, value: 'true' },
      { op: 'replace', path: `/metadata/annotations/${VIRT}`, value: 'false' },
    ]);
    plan.steps.forEach((s) => {
      expect(s.patch[0].op).toBe('test');
      expect(s.undo.patch[0].op).toBe('test');
    });
  });

  it('undoes each step exactly: the new class loses only the annotation it got', () => {
    const plan = planDefaultSwitch(classes, 'nfs', 'virt');
    if (plan.status !== 'ready') throw new Error(plan.status);
    const [set, unset] = plan.steps;
    expect(set.patch).toEqual([
      { op: 'test', path: `/metadata/annotations/${VIRT}`, value: 'false' },
      { op: 'replace', path: `/metadata/annotations/${VIRT}`, value: 'true' },
    ]);
    expect(set.undo.patch).toEqual([
      { op: 'test', path: `/metadata/annotations/${VIRT}`, value: 'true' },
      { op: 'replace', path: `/metadata/annotations/${VIRT}`, value: 'false' },
    ]);
    // Applied as the apiserver would: forward then undo gives back the original objects.
    const nfs = classes[2];
    expect(applyAsApiserver(applyAsApiserver(nfs, set.patch), set.undo.patch)).toEqual(nfs);
    const rbd = classes[0];
    expect(applyAsApiserver(applyAsApiserver(rbd, unset.patch), unset.undo.patch)).toEqual(rbd);
    const lvmsPlan = planDefaultSwitch(classes, 'lvms', 'virt');
    if (lvmsPlan.status !== 'ready') throw new Error(lvmsPlan.status);
    expect(lvmsPlan.steps[0].undo.patch).toEqual([
      { op: 'test', path: `/metadata/annotations/${VIRT}`, value: 'true' },
      { op: 'remove', path: `/metadata/annotations/${VIRT}` },
    ]);
  });

  it('the undo fails its guard when someone changed the annotation after the step', () => {
    const plan = planDefaultSwitch(classes, 'lvms', 'virt');
    if (plan.status !== 'ready') throw new Error(plan.status);
    const after = applyAsApiserver(classes[1], plan.steps[0].patch);
    const meddled = {
      ...after,
      metadata: { ...after.metadata, annotations: { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'false' } },
    };
    expect(() => applyAsApiserver(meddled, plan.steps[0].undo.patch)).toThrow();
  });

  it('unsets every old default, including the beta annotation for the k8s kind', () => {
    const k8s = [
      sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: 'true' }),
      sc('b', '2026-01-02T00:00:00Z', { [BETA_DEFAULT_CLASS_ANNOTATION]: 'true' }),
      sc('c', '2026-01-03T00:00:00Z', { [DEFAULT_CLASS_ANNOTATION]: 'false' }),
    ];
    const plan = planDefaultSwitch(k8s, 'c', 'k8s');
    if (plan.status !== 'ready') throw new Error(plan.status);
    expect(plan.steps.map((s) => s.id)).toEqual(['set-new:c', 'unset-old:b', 'unset-old:a']);
    expect(plan.steps[1].patch).toEqual([
      {
        op: 'test',
        path: '/metadata/annotations/storageclass.beta.kubernetes.io~1is-default-class',
        value: 'true',
      },
      {
        op: 'replace',
        path: '/metadata/annotations/storageclass.beta.kubernetes.io~1is-default-class',
        value: 'false',
      },
    ]);
    expect(plan.steps[2].patch[0]).toEqual({
      op: 'test',
      path: `/metadata/annotations/${K8S}`,
      value: 'true',
    });
    const midway = classesAfter(k8s, [plan.steps[0], plan.steps[1]]);
    expect(defaultClasses(midway, 'k8s').map((c) => c.metadata?.name)).toEqual(['c', 'a']);
    const undone = classesAfter(k8s, [plan.steps[0], plan.steps[1], plan.steps[1].undo, plan.steps[0].undo]);
    expect(defaultClasses(undone, 'k8s').map((c) => c.metadata?.name)).toEqual(['b', 'a']);
  });

  it('only unsets the others when the new class is already one of several defaults', () => {
    const two = [
      sc('a', '2026-01-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
      sc('b', '2026-01-02T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
    ];
    const plan = planDefaultSwitch(two, 'a', 'virt');
    if (plan.status !== 'ready') throw new Error(plan.status);
    expect(plan.steps.map((s) => s.id)).toEqual(['unset-old:b']);
  });

  it('has nothing to do for the only default, and says so for an unknown class', () => {
    expect(planDefaultSwitch(classes, 'rbd-virt', 'virt').status).toBe('already-default');
    expect(planDefaultSwitch(classes, 'nope', 'virt').status).toBe('not-found');
  });
});
