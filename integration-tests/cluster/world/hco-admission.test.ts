import { describe, expect, it } from 'vitest';
import { hcoMutator, hcoValidator, parseGoDuration } from './hco-admission';
import { hyperConverged, rejection, request, testCluster } from './test-helpers';
import type { K8sObject } from '../sim-api';

const template = (name: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    managedDataSource: name,
    schedule: '0 */12 * * *',
    template: {
      spec: { source: { registry: { url: `docker://quay.io/containerdisks/${name}:1` } }, storage: {} },
    },
  },
  ...extra,
});

function validate(
  op: 'CREATE' | 'UPDATE' | 'DELETE',
  object?: K8sObject,
  oldObject?: K8sObject,
  objects: K8sObject[] = [],
) {
  const { ctx } = testCluster(objects);
  return hcoValidator(request({ operation: op, kind: 'HyperConverged', object, oldObject }), ctx);
}

describe('HCO mutating webhook', () => {
  it('adds the immediate-bind annotation, retentionPolicy None and importsToKeep 1 to templates', () => {
    const hc = hyperConverged({
      dataImportCronTemplates: [
        template('custom'),
        { metadata: { name: 'fedora-image-cron', annotations: { x: 'y' } } },
      ],
    });
    const { ctx } = testCluster();
    hcoMutator(request({ operation: 'CREATE', kind: 'HyperConverged', object: hc }), ctx);
    const [custom, disabled] = hc.spec.dataImportCronTemplates;
    expect(custom.metadata.annotations).toEqual({
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
    });
    expect(custom.spec.retentionPolicy).toBe('None');
    expect(custom.spec.importsToKeep).toBe(1);
    expect(disabled.metadata.annotations['cdi.kubevirt.io/storage.bind.immediate.requested']).toBe('true');
    expect(disabled.spec).toBeUndefined();
  });

  it('keeps values the user set', () => {
    const hc = hyperConverged({
      dataImportCronTemplates: [
        template('custom', {
          metadata: {
            name: 'custom',
            annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'false' },
          },
        }),
      ],
    });
    hc.spec.dataImportCronTemplates[0].spec.retentionPolicy = 'All';
    hc.spec.dataImportCronTemplates[0].spec.importsToKeep = 4;
    hcoMutator(request({ operation: 'UPDATE', kind: 'HyperConverged', object: hc }), testCluster().ctx);
    const [item] = hc.spec.dataImportCronTemplates;
    expect(item.spec).toMatchObject({ retentionPolicy: 'All', importsToKeep: 4 });
    expect(item.metadata.annotations['cdi.kubevirt.io/storage.bind.immediate.requested']).toBe('false');
  });
});

describe('HCO validating webhook', () => {
  it('denies another namespace with 403 and the webhook name', () => {
    const hc = hyperConverged();
    hc.metadata.namespace = 'kubevirt-hyperconverged';
    const err = rejection(() => validate('CREATE', hc));
    expect(err.code).toBe(403);
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe(
      'admission webhook "validate-hco-v1beta1.kubevirt.io" denied the request: invalid namespace for v1beta1.HyperConverged - please use the openshift-cnv namespace',
    );
  });

  it('rejects a name without kubevirt-hyperconverged as the CRD pattern does (422)', () => {
    const hc = hyperConverged();
    hc.metadata.name = 'my-hco';
    const err = rejection(() => validate('CREATE', hc));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      `HyperConverged.hco.kubevirt.io "my-hco" is invalid: metadata.name: Invalid value: "my-hco": metadata.name in body should match 'kubevirt-hyperconverged'`,
    );
  });

  it('denies an enable annotation that is neither true nor false (any case accepted)', () => {
    const bad = hyperConverged({
      dataImportCronTemplates: [
        { metadata: { name: 'a', annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'no' } } },
      ],
    });
    expect(rejection(() => validate('CREATE', bad)).message).toContain(
      'the dataimportcrontemplate.kubevirt.io/enable annotation of a dataImportCronTemplate must be either "true" or "false"',
    );
    const ok = hyperConverged({
      dataImportCronTemplates: [
        { metadata: { name: 'a', annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'FALSE' } } },
      ],
    });
    expect(() => validate('CREATE', ok)).not.toThrow();
  });

  it('denies an enabled template without spec, on update too', () => {
    const hc = hyperConverged({ dataImportCronTemplates: [{ metadata: { name: 'fedora-image-cron' } }] });
    const err = rejection(() => validate('UPDATE', hc, hyperConverged()));
    expect(err.message).toContain(
      'dataImportCronTemplate spec is empty for an enabled DataImportCronTemplate',
    );
  });

  it('denies a repeated template name', () => {
    const hc = hyperConverged({ dataImportCronTemplates: [template('dup'), template('dup')] });
    expect(rejection(() => validate('CREATE', hc)).message).toContain(
      'dup DataImportCronTable is already defined',
    );
    expect(rejection(() => validate('UPDATE', hc, hyperConverged())).message).toContain(
      'dup DataImportCronTable',
    );
  });

  it('checks certConfig durations', () => {
    const hc = (ca: string, caRenew: string, server: string, serverRenew: string) =>
      hyperConverged({
        certConfig: {
          ca: { duration: ca, renewBefore: caRenew },
          server: { duration: server, renewBefore: serverRenew },
        },
      });
    expect(rejection(() => validate('CREATE', hc('5m', '1m', '24h', '12h'))).message).toMatch(
      /: value is too small$/,
    );
    expect(rejection(() => validate('CREATE', hc('1h', '2h', '30m', '15m'))).message).toContain(
      'spec.certConfig.ca: duration is smaller than renewBefore',
    );
    expect(rejection(() => validate('CREATE', hc('48h', '24h', '96h', '12h'))).message).toContain(
      'spec.certConfig: ca.duration is smaller than server.duration',
    );
    expect(() => validate('CREATE', hc('48h0m0s', '24h0m0s', '24h0m0s', '12h0m0s'))).not.toThrow();
    expect(parseGoDuration('1h30m')).toBe(5400);
    expect(parseGoDuration('1x')).toBeNaN();
  });

  it('passes the CDI dry-run rejection of a bad overhead through, as 422', () => {
    const old = hyperConverged();
    const hc = hyperConverged({ filesystemOverhead: { global: '0.0555' } });
    const err = rejection(() => validate('UPDATE', hc, old));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(
      /^admission webhook "validate-hco-v1beta1.kubevirt.io" denied the request: CDI.cdi.kubevirt.io "cdi-kubevirt-hyperconverged" is invalid: spec.config.filesystemOverhead.global: Invalid value: "0.0555"/,
    );
    expect(() =>
      validate('UPDATE', hyperConverged({ filesystemOverhead: { global: '0.055' } }), old),
    ).not.toThrow();
  });

  it('warns about deprecated feature gates only when they change', () => {
    const hc = hyperConverged({ featureGates: { enableCommonBootImageImport: true } });
    expect(validate('CREATE', hc)?.warnings).toEqual([
      'spec.featureGates.enableCommonBootImageImport is deprecated and ignored. It will removed in a future version; use spec.enableCommonBootImageImport instead',
    ]);
    expect(validate('UPDATE', hc, hc)?.warnings).toEqual([]);
  });

  it('blocks deletion while DataVolumes exist unless the strategy is RemoveWorkloads', () => {
    const dv: K8sObject = {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'disk', namespace: 'team-a' },
      spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
    };
    const err = rejection(() => validate('DELETE', undefined, hyperConverged(), [dv]));
    expect(err.message).toBe(
      'admission webhook "validate-hco-v1beta1.kubevirt.io" denied the request: admission webhook "cdi-validate.cdi.kubevirt.io" denied the request:  rejecting the uninstall request, since there are still 1 DataVolumes present',
    );
    expect(() =>
      validate('DELETE', undefined, hyperConverged({ uninstallStrategy: 'RemoveWorkloads' }), [dv]),
    ).not.toThrow();
    expect(() => validate('DELETE', undefined, hyperConverged())).not.toThrow();
  });
});
