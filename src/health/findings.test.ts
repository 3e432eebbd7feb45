import { describe, expect, it } from 'vitest';
import { FINDING_ORDER, FINDING_TEXT, RULES } from './catalog';
import { defaultClassesPath } from '../routes';
import { computeHealth } from './findings';
import {
  API_MISSING,
  cdi,
  cond,
  csiDriver,
  dataImportCron,
  dataVolume,
  dvRunningError,
  FAILED,
  FORBIDDEN,
  found,
  GOLDEN_NS,
  healthyInputs,
  hpp,
  hyperConverged,
  infrastructure,
  loaded,
  LOADING,
  minutesAgo,
  overwrittenEvent,
  RBD,
  RWO_SETS,
  snapshotClass,
  storageClass,
  storageProfile,
  unrecognized,
  upToDateFalse,
} from './testing/health-fixtures';
import type { FindingId, HealthInputs } from './types';

const one = (inputs: HealthInputs, id: FindingId) => {
  const report = computeHealth(inputs, [id]);
  return {
    report,
    finding: report.findings.find((f) => f.id === id),
    passed: report.passed.includes(id),
    unchecked: report.unchecked.find((u) => u.id === id),
  };
};

describe('computeHealth on a healthy cluster', () => {
  it('passes every rule and reports nothing unchecked', () => {
    const report = computeHealth(healthyInputs());
    expect(report.findings).toEqual([]);
    expect(report.unchecked).toEqual([]);
    expect(report.passed).toEqual(FINDING_ORDER);
  });

  it('has a title and an explanation for every rule', () => {
    FINDING_ORDER.forEach((id) => {
      expect(FINDING_TEXT[id].title).not.toBe('');
      expect(FINDING_TEXT[id].explanation).not.toBe('');
      expect(RULES[id].pages).toContain('overview');
    });
  });
});

describe('profiles-incomplete (CDIStorageProfilesIncomplete)', () => {
  it('lists profiles without claim property sets, with the Recognized message and the edit form', () => {
    const inputs = healthyInputs({
      storageProfiles: loaded([
        storageProfile('ocs-virt', RBD, { cloneStrategy: 'csi-clone' }),
        storageProfile('zz-acme', 'csi.acme.example.com', { sets: [], recognized: unrecognized }),
        storageProfile('acme-fast', 'csi.acme.example.com', { sets: [] }),
      ]),
    });
    const { finding } = one(inputs, 'profiles-incomplete');
    expect(finding?.impact).toBe('info');
    expect(finding?.runbookUrl).toBe('https://kubevirt.io/monitoring/runbooks/CDIStorageProfilesIncomplete');
    expect(finding?.objects.map((o) => o.name)).toEqual(['acme-fast', 'zz-acme']);
    expect(finding?.objects[1].detail).toBe('Provisioner is not recognized');
    expect(finding?.objects[0].detailTranslatable).toBe(true);
    expect(finding?.objects[0].fix).toEqual({
      label: 'Edit storage profile',
      href: '/virtualization-storage/storage-profiles/acme-fast/edit',
      requires: { group: 'cdi.kubevirt.io', resource: 'storageprofiles', verb: 'patch', name: 'acme-fast' },
    });
  });

  it('counts a set without a volume mode as incomplete, unsupported provisioners and profiles without status not', () => {
    const inputs = healthyInputs({
      storageProfiles: loaded([
        storageProfile('half', 'csi.acme.example.com', {
          sets: [{ accessModes: ['ReadWriteOnce'] } as never],
        }),
        storageProfile('local-block', 'kubernetes.io/no-provisioner', { sets: [] }),
        storageProfile('new', 'csi.acme.example.com', { noStatus: true }),
      ]),
    });
    expect(one(inputs, 'profiles-incomplete').finding?.objects.map((o) => o.name)).toEqual(['half']);
  });

  it('is unchecked when profiles cannot be read, loading while they load', () => {
    expect(one(healthyInputs({ storageProfiles: FORBIDDEN }), 'profiles-incomplete').unchecked).toEqual({
      id: 'profiles-incomplete',
      alert: 'CDIStorageProfilesIncomplete',
      reason: 'forbidden',
      inputs: ['StorageProfiles'],
    });
    expect(one(healthyInputs({ storageProfiles: LOADING }), 'profiles-incomplete').unchecked?.reason).toBe(
      'loading',
    );
  });

  it('passes when the StorageProfile API is not served', () => {
    expect(one(healthyInputs({ storageProfiles: API_MISSING }), 'profiles-incomplete').passed).toBe(true);
  });
});

describe('no-default-class (CDINoDefaultStorageClass)', () => {
  const noDefaults = loaded([storageClass('ocs-rbd', RBD), storageClass('lvms-vg1', 'topolvm.io')]);
  const waiting = dataVolume('team-a', 'rootdisk', { phase: 'Pending' });

  it('fires without any default while a DataVolume without a class is Pending; fix = the default switch', () => {
    const inputs = healthyInputs({
      storageClasses: noDefaults,
      dataVolumes: loaded([
        waiting,
        dataVolume('team-a', 'unset-phase', { pvcSpec: true }),
        dataVolume('team-a', 'named', { phase: 'Pending', storageClassName: 'ocs-rbd' }),
        dataVolume('team-a', 'running', { phase: 'ImportInProgress' }),
      ]),
    });
    const { finding } = one(inputs, 'no-default-class');
    expect(finding?.objects.map((o) => `${o.namespace}/${o.name}`)).toEqual([
      'team-a/rootdisk',
      'team-a/unset-phase',
    ]);
    expect(finding?.fix?.href).toBe(defaultClassesPath());
    expect(finding?.fix?.requires).toEqual({
      group: 'storage.k8s.io',
      resource: 'storageclasses',
      verb: 'patch',
    });
    expect(finding?.objects[0].fix?.href).toBe('/virtualization-storage/data-volumes/team-a/rootdisk');
  });

  it('passes with no DataVolume waiting, or with a virt default only, or a k8s default only', () => {
    expect(one(healthyInputs({ storageClasses: noDefaults }), 'no-default-class').passed).toBe(true);
    const dvs = loaded([waiting]);
    const virtOnly = loaded([storageClass('ocs-rbd', RBD, { virt: 'true' })]);
    const k8sOnly = loaded([storageClass('ocs-rbd', RBD, { k8s: 'true' })]);
    expect(
      one(healthyInputs({ storageClasses: virtOnly, dataVolumes: dvs }), 'no-default-class').passed,
    ).toBe(true);
    expect(one(healthyInputs({ storageClasses: k8sOnly, dataVolumes: dvs }), 'no-default-class').passed).toBe(
      true,
    );
  });

  it('ignores the beta default annotation and values other than "true", as CDI', () => {
    const classes = loaded([
      storageClass('beta', RBD, { beta: 'true' }),
      storageClass('capital', RBD, { k8s: 'True', virt: 'yes' }),
    ]);
    const inputs = healthyInputs({ storageClasses: classes, dataVolumes: loaded([waiting]) });
    expect(one(inputs, 'no-default-class').finding).toBeDefined();
  });

  it('is unchecked when DataVolumes cannot be read', () => {
    const { unchecked } = one(
      healthyInputs({ storageClasses: noDefaults, dataVolumes: FAILED }),
      'no-default-class',
    );
    expect(unchecked).toMatchObject({ reason: 'error', inputs: ['DataVolumes'] });
  });

  it('passes when the DataVolume API is not served', () => {
    expect(
      one(healthyInputs({ storageClasses: noDefaults, dataVolumes: API_MISSING }), 'no-default-class').passed,
    ).toBe(true);
  });
});

describe('multiple-virt-defaults (CDIMultipleDefaultVirtStorageClasses)', () => {
  it('lists every virt default and says which one CDI uses (the newest)', () => {
    const inputs = healthyInputs({
      storageClasses: loaded([
        storageClass('ocs-virt', RBD, { virt: 'true' }, '2026-08-18T09:00:00Z'),
        storageClass('nfs-csi', 'nfs.csi.k8s.io', { virt: 'true' }, '2026-08-19T09:00:00Z'),
        storageClass('lvms', 'topolvm.io', { virt: 'false' }),
      ]),
    });
    const { finding } = one(inputs, 'multiple-virt-defaults');
    expect(finding?.objects.map((o) => [o.name, o.detail])).toEqual([
      ['nfs-csi', 'CDI uses this one (the newest)'],
      ['ocs-virt', 'Ignored by CDI'],
    ]);
    expect(finding?.fix?.href).toBe(defaultClassesPath());
  });

  it('passes with one virt default; unchecked when classes cannot be read', () => {
    expect(one(healthyInputs(), 'multiple-virt-defaults').passed).toBe(true);
    expect(
      one(healthyInputs({ storageClasses: FORBIDDEN }), 'multiple-virt-defaults').unchecked?.inputs,
    ).toEqual(['StorageClasses']);
  });
});

describe('default-class-degraded (CDIDefaultStorageClassDegraded)', () => {
  const lvms = (defaults: { k8s?: string; virt?: string }) => ({
    storageClasses: loaded([storageClass('lvms-vg1', 'topolvm.io', defaults), storageClass('ocs-rbd', RBD)]),
    storageProfiles: loaded([
      storageProfile('lvms-vg1', 'topolvm.io', { sets: RWO_SETS, cloneStrategy: 'copy' }),
      storageProfile('ocs-rbd', RBD, { cloneStrategy: 'csi-clone' }),
    ]),
  });

  it('fires when the only default has no RWX and no smart clone, saying both', () => {
    const { finding } = one(healthyInputs(lvms({ k8s: 'true' })), 'default-class-degraded');
    expect(finding?.objects).toEqual([
      expect.objectContaining({
        name: 'lvms-vg1',
        detail: 'No ReadWriteMany (no live migration); no smart clone (slow clones)',
      }),
    ]);
  });

  it('passes when one of the defaults is not degraded (the virt default is fine)', () => {
    const inputs = healthyInputs({
      storageClasses: loaded([
        storageClass('lvms-vg1', 'topolvm.io', { k8s: 'true' }),
        storageClass('ocs-rbd', RBD, { virt: 'true' }),
      ]),
      storageProfiles: lvms({}).storageProfiles,
    });
    expect(one(inputs, 'default-class-degraded').passed).toBe(true);
  });

  it('passes when there is no default at all (the alert needs one)', () => {
    expect(one(healthyInputs(lvms({})), 'default-class-degraded').passed).toBe(true);
  });

  it('does not require RWX on single-node OpenShift, still requires smart clone', () => {
    const sno = loaded([infrastructure('SingleReplica')]);
    const rwoSmart = {
      storageClasses: loaded([storageClass('lvms-vg1', 'topolvm.io', { k8s: 'true' })]),
      storageProfiles: loaded([storageProfile('lvms-vg1', 'topolvm.io', { sets: RWO_SETS })]),
      volumeSnapshotClasses: loaded([snapshotClass('lvms-vg1', 'topolvm.io')]),
    };
    expect(one(healthyInputs({ ...rwoSmart, infrastructures: sno }), 'default-class-degraded').passed).toBe(
      true,
    );
    const multi = one(healthyInputs(rwoSmart), 'default-class-degraded').finding;
    expect(multi?.objects[0].detail).toBe('No ReadWriteMany (no live migration)');
    // Not OpenShift (no Infrastructure API): not single-node, as CDI.
    expect(
      one(healthyInputs({ ...rwoSmart, infrastructures: API_MISSING }), 'default-class-degraded').finding,
    ).toBeDefined();
    const snoCopy = one(
      healthyInputs({ ...lvms({ k8s: 'true' }), infrastructures: sno }),
      'default-class-degraded',
    );
    expect(snoCopy.finding?.objects[0].detail).toBe('No smart clone (slow clones)');
  });

  it('counts csi-clone as smart only with a CSIDriver, snapshot (or unset) only with a matching VolumeSnapshotClass', () => {
    const rbd = (cloneStrategy?: string) => ({
      storageClasses: loaded([storageClass('ocs-rbd', RBD, { k8s: 'true' })]),
      storageProfiles: loaded([
        storageProfile('ocs-rbd', RBD, cloneStrategy !== undefined ? { cloneStrategy } : {}),
      ]),
    });
    expect(
      one(healthyInputs({ ...rbd('csi-clone'), csiDrivers: loaded([]) }), 'default-class-degraded').finding,
    ).toBeDefined();
    expect(
      one(
        healthyInputs({ ...rbd('csi-clone'), csiDrivers: loaded([csiDriver(RBD)]) }),
        'default-class-degraded',
      ).passed,
    ).toBe(true);
    expect(
      one(healthyInputs({ ...rbd(), volumeSnapshotClasses: loaded([]) }), 'default-class-degraded').finding,
    ).toBeDefined();
    expect(one(healthyInputs({ ...rbd('snapshot') }), 'default-class-degraded').passed).toBe(true);
    // An invalid strategy (e.g. from a bad StorageClass annotation) is empty in status: no smart clone.
    expect(one(healthyInputs({ ...rbd('') }), 'default-class-degraded').finding).toBeDefined();
  });

  it('is unchecked when a decisive optional input cannot be read, decided when it does not matter', () => {
    const rbdCsi = {
      storageClasses: loaded([storageClass('ocs-rbd', RBD, { k8s: 'true' })]),
      storageProfiles: loaded([storageProfile('ocs-rbd', RBD, { cloneStrategy: 'csi-clone' })]),
    };
    expect(
      one(healthyInputs({ ...rbdCsi, csiDrivers: FORBIDDEN }), 'default-class-degraded').unchecked,
    ).toMatchObject({
      reason: 'forbidden',
      inputs: ['CSIDrivers'],
    });
    // copy + no RWX is degraded whatever the cluster topology or drivers.
    const r = one(
      healthyInputs({ ...lvms({ k8s: 'true' }), infrastructures: FORBIDDEN, csiDrivers: FORBIDDEN }),
      'default-class-degraded',
    );
    expect(r.finding).toBeDefined();
    expect(
      one(healthyInputs({ ...rbdCsi, csiDrivers: LOADING }), 'default-class-degraded').unchecked?.reason,
    ).toBe('loading');
    expect(one(healthyInputs({ storageProfiles: FAILED }), 'default-class-degraded').unchecked).toMatchObject(
      {
        reason: 'error',
        inputs: ['StorageProfiles'],
      },
    );
  });
});

describe('boot-sources-failing (not an upstream alert)', () => {
  const failingDv = dataVolume(GOLDEN_NS, 'fedora-0123456789ab', {
    phase: 'ImportInProgress',
    restartCount: 4,
    labels: { 'cdi.kubevirt.io/dataImportCron': 'fedora-image-cron' },
    conditions: dvRunningError('Unable to connect to http data source: expected status code 200, got 404'),
  });

  it('names a never-imported cron whose import DataVolume restarts, with its message and the DataVolume', () => {
    const inputs = healthyInputs({
      dataImportCrons: loaded([
        dataImportCron('fedora-image-cron', {
          imported: false,
          upToDate: upToDateFalse('NoDigest', 'No source digest', minutesAgo(60)),
        }),
      ]),
      dataVolumes: loaded([failingDv]),
    });
    const { finding } = one(inputs, 'boot-sources-failing');
    expect(finding?.runbookUrl).toBe('https://kubevirt.io/monitoring/runbooks/CDIDataImportCronOutdated');
    expect(finding?.objects).toEqual([
      {
        kind: 'DataImportCron',
        name: 'fedora-image-cron',
        namespace: GOLDEN_NS,
        detail: 'Unable to connect to http data source: expected status code 200, got 404',
        fix: {
          label: 'View DataVolume',
          href: `/virtualization-storage/data-volumes/${GOLDEN_NS}/fedora-0123456789ab`,
        },
      },
    ]);
    expect(finding?.fix?.href).toBe('/virtualization-storage/boot-sources');
  });

  it('finds the DataVolume through currentImports, and counts a Failed one', () => {
    const inputs = healthyInputs({
      dataImportCrons: loaded([
        dataImportCron('centos-stream9-image-cron', { imported: false, currentImport: 'centos-abc' }),
      ]),
      dataVolumes: loaded([dataVolume(GOLDEN_NS, 'centos-abc', { phase: 'Failed' })]),
    });
    expect(one(inputs, 'boot-sources-failing').finding?.objects[0].detailParams).toEqual({
      name: 'centos-abc',
      phase: 'Failed',
      restarts: 0,
    });
  });

  it('passes for a cron that imported once, for 3 restarts, and for a DataVolume in another namespace', () => {
    const dv = (ns: string, restarts: number) =>
      dataVolume(ns, 'fedora-0123456789ab', {
        phase: 'ImportInProgress',
        restartCount: restarts,
        labels: { 'cdi.kubevirt.io/dataImportCron': 'fedora-image-cron' },
      });
    const never = loaded([dataImportCron('fedora-image-cron', { imported: false })]);
    expect(one(healthyInputs({ dataVolumes: loaded([failingDv]) }), 'boot-sources-failing').passed).toBe(
      true,
    );
    expect(
      one(
        healthyInputs({ dataImportCrons: never, dataVolumes: loaded([dv(GOLDEN_NS, 3)]) }),
        'boot-sources-failing',
      ).passed,
    ).toBe(true);
    expect(
      one(
        healthyInputs({ dataImportCrons: never, dataVolumes: loaded([dv('team-a', 9)]) }),
        'boot-sources-failing',
      ).passed,
    ).toBe(true);
  });

  it('is unchecked when crons cannot be read; passes without the DataImportCron API', () => {
    expect(
      one(healthyInputs({ dataImportCrons: FORBIDDEN }), 'boot-sources-failing').unchecked?.inputs,
    ).toEqual(['DataImportCrons']);
    expect(one(healthyInputs({ dataImportCrons: API_MISSING }), 'boot-sources-failing').passed).toBe(true);
  });
});

describe('boot-sources-outdated (CDIDataImportCronOutdated)', () => {
  const outdated = (since: string, opts = {}) =>
    loaded([
      dataImportCron('fedora-image-cron', {
        upToDate: upToDateFalse('Outdated', 'Source digest updated since last import', since),
        storageClassAnnotation: 'ocs-virt',
        ...opts,
      }),
    ]);

  it('fires after 15 minutes of UpToDate=False, with the condition message; fix needs the HyperConverged', () => {
    const { finding } = one(
      healthyInputs({ dataImportCrons: outdated(minutesAgo(16)) }),
      'boot-sources-outdated',
    );
    expect(finding?.objects).toEqual([
      {
        kind: 'DataImportCron',
        name: 'fedora-image-cron',
        namespace: GOLDEN_NS,
        detail: 'Source digest updated since last import',
      },
    ]);
    expect(finding?.fix?.requires).toEqual({
      group: 'hco.kubevirt.io',
      resource: 'hyperconvergeds',
      verb: 'patch',
    });
  });

  it('does not fire during a normal import (less than 15 minutes), nor while pending for a default class', () => {
    expect(
      one(healthyInputs({ dataImportCrons: outdated(minutesAgo(14)) }), 'boot-sources-outdated').passed,
    ).toBe(true);
    // Pending: no storage-class annotation on the cron and no class in its template.
    const pending = loaded([
      dataImportCron('fedora-image-cron', {
        upToDate: upToDateFalse('NoDigest', 'No source digest', minutesAgo(60)),
      }),
    ]);
    expect(one(healthyInputs({ dataImportCrons: pending }), 'boot-sources-outdated').passed).toBe(true);
    // The annotation present, even empty, is not pending (CDI checks presence).
    expect(
      one(
        healthyInputs({ dataImportCrons: outdated(minutesAgo(60), { storageClassAnnotation: '' }) }),
        'boot-sources-outdated',
      ).finding,
    ).toBeDefined();
    // A class in the template: not pending.
    expect(
      one(
        healthyInputs({
          dataImportCrons: outdated(minutesAgo(60), {
            storageClassAnnotation: undefined,
            templateClass: 'ocs-rbd',
          }),
        }),
        'boot-sources-outdated',
      ).finding,
    ).toBeDefined();
  });

  it('leaves out a cron that boot-sources-failing reports', () => {
    const inputs = healthyInputs({
      dataImportCrons: outdated(minutesAgo(60), { imported: false, currentImport: 'fedora-x' }),
      dataVolumes: loaded([dataVolume(GOLDEN_NS, 'fedora-x', { phase: 'Failed' })]),
    });
    expect(computeHealth(inputs).findings.map((f) => f.id)).toEqual(['boot-sources-failing']);
  });

  it('is unchecked when crons cannot be read; still decides when DataVolumes cannot be read', () => {
    expect(one(healthyInputs({ dataImportCrons: FAILED }), 'boot-sources-outdated').unchecked?.reason).toBe(
      'error',
    );
    expect(
      one(
        healthyInputs({ dataImportCrons: outdated(minutesAgo(16)), dataVolumes: FORBIDDEN }),
        'boot-sources-outdated',
      ).finding,
    ).toBeDefined();
  });
});

describe('golden-images-unsupported-arch (HCOGoldenImageWithNoSupportedArchitecture)', () => {
  const hc = hyperConverged([
    {
      metadata: { name: 'fedora-image-cron' },
      status: { commonTemplate: true, conditions: [] },
    },
    {
      metadata: { name: 'centos-stream10-image-cron' },
      status: {
        commonTemplate: true,
        conditions: [
          cond(
            'Deployed',
            'False',
            'UnsupportedArchitectures',
            'DataImportCronTemplate has no supported architectures for the current cluster',
          ),
        ],
      },
    },
  ]);

  it('lists the templates with Deployed=False; fix = boot sources, needs a patch of this HyperConverged', () => {
    const { finding } = one(healthyInputs({ hyperConverged: found(hc) }), 'golden-images-unsupported-arch');
    expect(finding?.objects).toEqual([
      {
        kind: 'DataImportCronTemplate',
        name: 'centos-stream10-image-cron',
        detail: 'DataImportCronTemplate has no supported architectures for the current cluster',
      },
    ]);
    expect(finding?.fix?.requires).toEqual({
      group: 'hco.kubevirt.io',
      resource: 'hyperconvergeds',
      verb: 'patch',
      name: 'kubevirt-hyperconverged',
      namespace: 'openshift-cnv',
    });
  });

  it('passes without a HyperConverged; unchecked when it cannot be read', () => {
    expect(
      one(healthyInputs({ hyperConverged: { state: 'not-installed' } }), 'golden-images-unsupported-arch')
        .passed,
    ).toBe(true);
    expect(
      one(
        healthyInputs({ hyperConverged: { state: 'error', error: FORBIDDEN.error } }),
        'golden-images-unsupported-arch',
      ).unchecked,
    ).toMatchObject({ reason: 'forbidden', inputs: ['HyperConverged'] });
    expect(
      one(healthyInputs({ hyperConverged: { state: 'loading' } }), 'golden-images-unsupported-arch').unchecked
        ?.reason,
    ).toBe('loading');
  });
});

describe('datavolumes-restarting (CDIDataVolumeUnusualRestartCount)', () => {
  it('lists DataVolumes with more than 3 restarts that have not succeeded', () => {
    const inputs = healthyInputs({
      dataVolumes: loaded([
        dataVolume('team-b', 'upload', { phase: 'UploadReady', restartCount: 5 }),
        dataVolume('team-a', 'import', { phase: 'ImportInProgress', restartCount: 4 }),
        dataVolume('team-a', 'three', { phase: 'ImportInProgress', restartCount: 3 }),
        dataVolume('team-a', 'done', { phase: 'Succeeded', restartCount: 7 }),
      ]),
    });
    const { finding } = one(inputs, 'datavolumes-restarting');
    expect(finding?.objects.map((o) => [o.name, o.detailParams?.count])).toEqual([
      ['import', 4],
      ['upload', 5],
    ]);
    expect(finding?.objects[0].fix?.href).toBe('/virtualization-storage/data-volumes/team-a/import');
  });

  it('is unchecked when DataVolumes are forbidden; passes when not served', () => {
    expect(one(healthyInputs({ dataVolumes: FORBIDDEN }), 'datavolumes-restarting').unchecked?.reason).toBe(
      'forbidden',
    );
    expect(one(healthyInputs({ dataVolumes: API_MISSING }), 'datavolumes-restarting').passed).toBe(true);
  });
});

describe('cdi-not-ready (CDINotReady)', () => {
  it('fires when Available is not True and CDI is not progressing, with the Degraded message', () => {
    const broken = cdi(
      [
        cond('Available', 'False', 'Failed', 'Not available'),
        cond('Progressing', 'False'),
        cond('Degraded', 'True', 'Failed', 'cdi-apiserver deployment is not ready'),
      ],
      'Error',
    );
    const { finding } = one(healthyInputs({ cdis: loaded([broken]) }), 'cdi-not-ready');
    expect(finding?.impact).toBe('critical');
    expect(finding?.objects).toEqual([
      { kind: 'CDI', name: 'cdi-kubevirt-hyperconverged', detail: 'cdi-apiserver deployment is not ready' },
    ]);
  });

  it('does not fire while CDI is progressing (an upgrade); no CDI CR or API = nothing to report', () => {
    const upgrading = cdi(
      [cond('Available', 'False'), cond('Progressing', 'True', 'Upgrading')],
      'Upgrading',
    );
    expect(one(healthyInputs({ cdis: loaded([upgrading]) }), 'cdi-not-ready').passed).toBe(true);
    expect(one(healthyInputs({ cdis: API_MISSING }), 'cdi-not-ready').passed).toBe(true);
    expect(one(healthyInputs({ cdis: FAILED }), 'cdi-not-ready').unchecked?.inputs).toEqual(['CDI']);
  });
});

describe('hpp-degraded (HPPNotReady)', () => {
  it('fires when the HostPathProvisioner is not available and not progressing; fix = its page', () => {
    const degraded = hpp([
      cond('Available', 'False', 'Degraded', 'CR is deployed but DaemonSets are not ready'),
      cond('Progressing', 'False'),
      cond('Degraded', 'True', 'Degraded', 'CR is deployed but DaemonSets are not ready'),
    ]);
    const { finding } = one(healthyInputs({ hostPathProvisioners: loaded([degraded]) }), 'hpp-degraded');
    expect(finding?.impact).toBe('warning');
    expect(finding?.runbookUrl).toBe('https://kubevirt.io/monitoring/runbooks/HPPNotReady');
    expect(finding?.objects[0]).toMatchObject({
      name: 'hostpath-provisioner',
      detail: 'CR is deployed but DaemonSets are not ready',
      fix: {
        href: '/virtualization-storage/hostpath-provisioner',
        requires: { resource: 'hostpathprovisioners', verb: 'patch' },
      },
    });
  });

  it('passes without the HPP CRD; unchecked when forbidden', () => {
    expect(one(healthyInputs({ hostPathProvisioners: API_MISSING }), 'hpp-degraded').passed).toBe(true);
    expect(one(healthyInputs({ hostPathProvisioners: FORBIDDEN }), 'hpp-degraded').unchecked?.inputs).toEqual(
      ['HostPathProvisioners'],
    );
  });
});

describe('cdi-modified (KubeVirtCRModified)', () => {
  it('fires for an Overwritten CDI event within the last 10 minutes, with how many times', () => {
    const inputs = healthyInputs({
      hcoEvents: loaded([overwrittenEvent({ count: 3, first: minutesAgo(8), last: minutesAgo(2) })]),
    });
    const { finding } = one(inputs, 'cdi-modified');
    expect(finding?.objects).toEqual([
      {
        kind: 'CDI',
        name: 'cdi-kubevirt-hyperconverged',
        detail: 'Reverted {{count}} times since {{since}}',
        detailTranslatable: true,
        detailParams: { count: 3, since: minutesAgo(8) },
      },
    ]);
    expect(finding?.fix).toMatchObject({
      href: '/virtualization-storage/settings',
      requires: { name: 'kubevirt-hyperconverged' },
    });
  });

  it('stops firing 10 minutes after the last revert; ignores other events', () => {
    const old = overwrittenEvent({ count: 9, first: minutesAgo(40), last: minutesAgo(11) });
    const otherKind = {
      ...overwrittenEvent({ first: minutesAgo(1), last: minutesAgo(1) }),
      message: 'Overwritten KubeVirt kubevirt-kubevirt-hyperconverged',
    };
    const normal = {
      ...overwrittenEvent({ first: minutesAgo(1), last: minutesAgo(1) }),
      type: 'Normal',
      reason: 'Updated',
      message: 'Updated CDI cdi-kubevirt-hyperconverged',
    };
    const inputs = healthyInputs({ hcoEvents: loaded([old, otherKind, normal]) });
    expect(one(inputs, 'cdi-modified').passed).toBe(true);
  });

  it('passes without a HyperConverged; unchecked when events are forbidden', () => {
    expect(
      one(healthyInputs({ hyperConverged: { state: 'not-installed' }, hcoEvents: LOADING }), 'cdi-modified')
        .unchecked?.reason,
    ).toBe('loading');
    expect(
      one(
        healthyInputs({ hyperConverged: { state: 'not-installed' }, hcoEvents: API_MISSING }),
        'cdi-modified',
      ).passed,
    ).toBe(true);
    expect(one(healthyInputs({ hcoEvents: FORBIDDEN }), 'cdi-modified').unchecked).toMatchObject({
      reason: 'forbidden',
      inputs: ['Events'],
    });
  });
});

describe('report order and the ids filter', () => {
  const messy = () =>
    healthyInputs({
      storageProfiles: loaded([
        storageProfile('ocs-virt', RBD, { cloneStrategy: 'csi-clone' }),
        storageProfile('ocs-rbd', RBD, { cloneStrategy: 'csi-clone' }),
        storageProfile('acme', 'csi.acme.example.com', { sets: [] }),
      ]),
      cdis: loaded([cdi([cond('Available', 'False'), cond('Progressing', 'False')], 'Error')]),
      dataVolumes: loaded([dataVolume('team-a', 'x', { phase: 'ImportInProgress', restartCount: 9 })]),
      hcoEvents: loaded([overwrittenEvent({ first: minutesAgo(1), last: minutesAgo(1) })]),
      storageClasses: loaded([
        storageClass('ocs-virt', RBD, { virt: 'true' }),
        storageClass('ocs-rbd', RBD, { virt: 'true', k8s: 'true' }),
      ]),
    });

  it('sorts critical, warning, info, then by rule order', () => {
    expect(computeHealth(messy()).findings.map((f) => f.id)).toEqual([
      'cdi-not-ready',
      'multiple-virt-defaults',
      'datavolumes-restarting',
      'cdi-modified',
      'profiles-incomplete',
    ]);
  });

  it('evaluates only the given ids, and reads nothing else', () => {
    const inputs = { ...messy(), hostPathProvisioners: FAILED, dataImportCrons: FORBIDDEN };
    const report = computeHealth(inputs, ['profiles-incomplete', 'cdi-modified', 'hpp-degraded']);
    expect(report.findings.map((f) => f.id)).toEqual(['cdi-modified', 'profiles-incomplete']);
    expect(report.unchecked.map((u) => u.id)).toEqual(['hpp-degraded']);
    expect(report.passed).toEqual([]);
  });

  it('an unchecked rule names every unreadable input, refusals before loading', () => {
    const report = computeHealth(healthyInputs({ storageClasses: LOADING, dataVolumes: FORBIDDEN }), [
      'no-default-class',
    ]);
    expect(report.unchecked).toEqual([
      {
        id: 'no-default-class',
        alert: 'CDINoDefaultStorageClass',
        reason: 'forbidden',
        inputs: ['DataVolumes'],
      },
    ]);
  });
});
