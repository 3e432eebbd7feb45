import { describe, expect, it } from 'vitest';
import { buildGuardedPatch } from '../../../k8s/json-patch';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { DataImportCronTemplate, HyperConverged } from '../../../k8s/types';
import {
  ANN_TEMPLATE_ENABLE,
  commonImportEnabled,
  disableTemplate,
  enableChange,
  enableTemplate,
  removeTemplate,
  specTemplates,
  templateListIntent,
  upsertTemplate,
} from './template-edits';

const custom = (
  name: string,
  extra: Partial<DataImportCronTemplate['metadata']> = {},
): DataImportCronTemplate => ({
  metadata: { name, ...extra },
  spec: {
    schedule: '0 1 * * *',
    managedDataSource: name,
    template: { spec: { source: { registry: { url: `docker://quay.io/x/${name}:1` } } } },
  },
});

const hco = (list?: DataImportCronTemplate[]): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: { enableCommonBootImageImport: true, ...(list ? { dataImportCronTemplates: list } : {}) },
});

describe('template list edits', () => {
  it('disables a system source with a minimal entry and keeps every other entry as it was', () => {
    const a = custom('a');
    const b = custom('b');
    const next = disableTemplate('fedora-image-cron')([a, b]);
    expect(next).toEqual([
      a,
      b,
      { metadata: { name: 'fedora-image-cron', annotations: { [ANN_TEMPLATE_ENABLE]: 'false' } } },
    ]);
    expect(next[0]).toBe(a);
    expect(next[1]).toBe(b);
  });

  it('disables an entry with a spec by annotation, keeping its definition', () => {
    const a = custom('a', { annotations: { other: 'x' } });
    const [disabled] = disableTemplate('a')([a]);
    expect(disabled.spec).toEqual(a.spec);
    expect(disabled.metadata.annotations).toEqual({ other: 'x', [ANN_TEMPLATE_ENABLE]: 'false' });
  });

  it('enables: an entry without a spec is removed, an entry with a spec only loses the annotation', () => {
    // HCO's mutating webhook adds the immediate-bind annotation to every entry, spec or not.
    const bare = {
      metadata: {
        name: 'rhel8-image-cron',
        annotations: {
          'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
          [ANN_TEMPLATE_ENABLE]: 'false',
        },
      },
    };
    const withSpec = custom('a', { annotations: { [ANN_TEMPLATE_ENABLE]: 'False' } });
    expect(enableTemplate('rhel8-image-cron')([bare, withSpec])).toEqual([withSpec]);
    const [enabled] = enableTemplate('a')([withSpec]);
    expect(enabled.metadata).toEqual({ name: 'a' });
    expect(enabled.spec).toBe(withSpec.spec);
  });

  it('leaves the list itself unchanged when there is nothing to do, so no patch is sent', () => {
    const list = [custom('a')];
    expect(enableTemplate('a')(list)).toBe(list);
    expect(templateListIntent(enableTemplate('a'))(hco(list))).toEqual([]);
  });

  it('refuses to remove an entry that is gone, and to add a name that exists', () => {
    expect(() => removeTemplate('x')([custom('a')])).toThrow(/no longer in the HyperConverged/);
    expect(() => upsertTemplate(custom('a'))([custom('a')])).toThrow(/already exists/);
    expect(() => upsertTemplate(custom('b'), 'a')([custom('a'), custom('b')])).toThrow(/already exists/);
  });

  it('replaces an edited entry in place, also under a new name', () => {
    const list = [custom('a'), custom('b'), custom('c')];
    const renamed = custom('b2');
    expect(upsertTemplate(renamed, 'b')(list).map((i) => i.metadata.name)).toEqual(['a', 'b2', 'c']);
  });

  it('builds a patch that tests the whole list it replaces (an absent list is tested as null)', () => {
    const absent = hco();
    expect(specTemplates(absent)).toEqual([]);
    const patch = buildGuardedPatch(absent, templateListIntent(upsertTemplate(custom('a')))(absent));
    expect(patch[0]).toEqual({ op: 'test', path: '/spec/dataImportCronTemplates', value: null });
    const present = hco([custom('a')]);
    const patch2 = buildGuardedPatch(
      present,
      templateListIntent(disableTemplate('fedora-image-cron'))(present),
    );
    expect(patch2[0]).toEqual({ op: 'test', path: '/spec/dataImportCronTemplates', value: [custom('a')] });
    expect(patch2.slice(1).every((op) => op.path.startsWith('/spec/dataImportCronTemplates'))).toBe(true);
  });
});

describe('at HyperConverged v1', () => {
  it('reads and rewrites the list under spec.workloadSources', () => {
    const present = asV1(hco([custom('a')]));
    expect(specTemplates(present)).toEqual([custom('a')]);
    const patch = buildGuardedPatch(present, templateListIntent(removeTemplate('a'))(present));
    expect(patch).toEqual([
      { op: 'test', path: '/spec/workloadSources/dataImportCronTemplates', value: [custom('a')] },
      { op: 'replace', path: '/spec/workloadSources/dataImportCronTemplates', value: [] },
    ]);
    const absent = asV1(hco());
    expect(buildGuardedPatch(absent, templateListIntent(upsertTemplate(custom('b')))(absent))).toEqual([
      { op: 'test', path: '/spec/workloadSources/dataImportCronTemplates', value: null },
      { op: 'add', path: '/spec/workloadSources/dataImportCronTemplates', value: [custom('b')] },
    ]);
  });

  it('switches the common golden images at spec.workloadSources.enableCommonBootImageImport', () => {
    const v1 = asV1(hco());
    expect(commonImportEnabled(v1)).toBe(true);
    expect(buildGuardedPatch(v1, [enableChange(v1, false)])).toEqual([
      { op: 'test', path: '/spec/workloadSources/enableCommonBootImageImport', value: true },
      { op: 'replace', path: '/spec/workloadSources/enableCommonBootImageImport', value: false },
    ]);
    const off = asV1({ ...hco(), spec: { enableCommonBootImageImport: false } });
    expect(commonImportEnabled(off)).toBe(false);
    // Unset means on (the CRD default), in both versions.
    expect(commonImportEnabled({ ...v1, spec: {} })).toBe(true);
    expect(buildGuardedPatch(hco(), [enableChange(hco(), false)])[1]).toEqual({
      op: 'replace',
      path: '/spec/enableCommonBootImageImport',
      value: false,
    });
  });
});
