import { describe, expect, it } from 'vitest';
import type { DataImportCronTemplate, HyperConverged } from '../../../k8s/types';
import {
  customiseTemplate,
  emptyCustomSource,
  fromTemplate,
  hasErrorIn,
  parseImageReference,
  sourceNames,
  STEP_FIELDS,
  suggestDataSourceName,
  templateSize,
  toTemplate,
  unsupportedSource,
  validateCustomSource,
  type CustomSourceContext,
  type CustomSourceValues,
  type TemplateStatusItem,
} from './custom-source-form';
import { specTemplates, templateListIntent, upsertTemplate } from './template-edits';

const common = (name: string, ds: string, extra: Partial<TemplateStatusItem> = {}): TemplateStatusItem => ({
  metadata: {
    name,
    annotations: {
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
      'ssp.kubevirt.io/dict.architectures': 'amd64,arm64,s390x',
    },
  },
  spec: {
    garbageCollect: 'Outdated',
    importsToKeep: 1,
    managedDataSource: ds,
    retentionPolicy: 'None',
    schedule: '17 3/12 * * *',
    template: {
      spec: {
        source: { registry: { url: `docker://quay.io/containerdisks/${ds}:latest` } },
        storage: { resources: { requests: { storage: '10Gi' } } },
      },
    },
  },
  status: { commonTemplate: true },
  ...extra,
});

const tools: DataImportCronTemplate = {
  metadata: {
    name: 'tools-image-cron',
    labels: { 'instancetype.kubevirt.io/default-preference': 'rhel.9' },
    annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true', 'example.com/owner': 'ops' },
  },
  spec: {
    garbageCollect: 'Outdated',
    importsToKeep: 2,
    managedDataSource: 'tools',
    retentionPolicy: 'None',
    schedule: '0 4 * * 1',
    serviceAccountName: 'importer',
    template: {
      metadata: { labels: { team: 'ops' } },
      spec: {
        source: {
          registry: {
            url: 'docker://registry.corp.example.com:5000/vm-images/tools:latest',
            platform: { architecture: 'amd64' },
          } as never,
        },
        storage: {
          accessModes: ['ReadWriteMany'],
          storageClassName: 'lvms-vg1',
          resources: { requests: { storage: '8Gi' } },
        },
      },
    },
  },
};

const hco: HyperConverged = {
  apiVersion: 'hco.kubevirt.io/v1beta1',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', uid: 'u1' },
  spec: {
    dataImportCronTemplates: [
      tools,
      {
        metadata: {
          name: 'rhel8-image-cron',
          annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'false' },
        },
      },
    ],
  },
  status: {
    dataImportCronTemplates: [
      common('rhel9-image-cron', 'rhel9'),
      common('fedora-image-cron', 'fedora', { metadata: { name: 'fedora-image-cron', namespace: 'golden' } }),
      { ...(tools as TemplateStatusItem), status: {} },
    ],
  },
};

const ctx = (extra: Partial<CustomSourceContext> = {}): CustomSourceContext => ({
  mode: 'add',
  names: sourceNames(hco),
  namespaces: ['openshift-virtualization-os-images', 'team-a', 'golden'],
  storageClassNames: ['lvms-vg1', 'ocs-storagecluster-ceph-rbd'],
  effective: hco.status!.dataImportCronTemplates,
  ...extra,
});

const good: CustomSourceValues = {
  ...emptyCustomSource(),
  name: 'my-image-cron',
  url: 'docker://quay.io/containerdisks/debian:12',
  schedule: '0 4 * * *',
  size: '12Gi',
  managedDataSource: 'debian12',
};

const codes = (values: CustomSourceValues, c = ctx()) =>
  validateCustomSource(values, c).map((m) => `${m.field}:${m.severity}:${m.code}`);

describe('sourceNames', () => {
  it('counts disabled system sources (bare spec entries) as system names', () => {
    const names = sourceNames(hco);
    expect(names.common.sort()).toEqual(['fedora-image-cron', 'rhel8-image-cron', 'rhel9-image-cron']);
    expect(names.custom).toEqual(['tools-image-cron']);
  });
});

describe('parseImageReference (distribution/reference grammar)', () => {
  it.each([
    ['quay.io/containerdisks/fedora:41', { domain: 'quay.io', path: 'containerdisks/fedora', tag: '41' }],
    ['registry.corp.example.com:5000/vm-images/tools:latest', { domain: 'registry.corp.example.com:5000' }],
    ['localhost/img', { domain: 'localhost', path: 'img' }],
    ['localhost:5000/a/b/c', { domain: 'localhost:5000', path: 'a/b/c' }],
    ['10.0.0.1:5000/img', { domain: '10.0.0.1:5000' }],
    ['[fd00::1]:5000/img', { domain: '[fd00::1]:5000' }],
    ['fedora', { domain: undefined, path: 'fedora' }],
    ['library/fedora:latest', { domain: undefined, path: 'library/fedora' }],
    ['Registry/img', { domain: 'Registry', path: 'img' }],
    ['quay.io/a__b/c-d--e/f.g', { path: 'a__b/c-d--e/f.g' }],
    [`quay.io/img@sha256:${'a'.repeat(64)}`, { digest: `sha256:${'a'.repeat(64)}` }],
    [`quay.io/img:1.0@sha512:${'0'.repeat(128)}`, { tag: '1.0' }],
  ])('accepts %s', (text, expected) => {
    const parsed = parseImageReference(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.reference).toMatchObject(expected);
  });

  it.each([
    ['', 'empty'],
    ['quay.io/img name', 'whitespace'],
    ['quay.io/Fedora', 'uppercase-path'],
    ['quay.io/-img', 'path'],
    ['quay.io/img_', 'path'],
    ['quay.io//img', 'path'],
    ['quay.io/', 'path'],
    ['-bad.io/img', 'host'],
    ['bad_host.io/img', 'host'],
    ['quay.io:port/img', 'port'],
    ['quay.io/img:', 'tag'],
    ['quay.io/img:-x', 'tag'],
    [`quay.io/img:${'t'.repeat(129)}`, 'tag'],
    ['quay.io/img@sha256:abc', 'digest'],
    [`quay.io/img@sha256:${'A'.repeat(64)}`, 'digest'],
    [`quay.io/img@md5:${'a'.repeat(32)}`, 'digest'],
    [`quay.io/${'a'.repeat(250)}`, 'too-long'],
  ])('refuses %j (%s)', (text, problem) => expect(parseImageReference(text)).toEqual({ ok: false, problem }));
});

describe('validateCustomSource', () => {
  it('has nothing to say about good values', () => {
    expect(codes(good)).toEqual([]);
  });

  it('checks the name: required, DNS-1123 subdomain, ≤ 63, not a system or existing name', () => {
    expect(codes({ ...good, name: '' })).toEqual(['name:error:required']);
    expect(codes({ ...good, name: 'My_Image' })).toEqual(['name:error:dns1123-subdomain']);
    expect(codes({ ...good, name: 'a'.repeat(64) })).toEqual(['name:error:too-long']);
    expect(codes({ ...good, name: 'rhel9-image-cron' })).toEqual(['name:error:system-name']);
    expect(codes({ ...good, name: 'rhel8-image-cron' })).toEqual(['name:error:system-name']);
    expect(codes({ ...good, name: 'tools-image-cron' })).toEqual(['name:error:name-taken']);
  });

  it('lets an edited entry keep its name, and warns when it is renamed', () => {
    const edit = ctx({ mode: 'edit', editing: 'tools-image-cron' });
    const values = fromTemplate(tools);
    expect(codes(values, edit)).toEqual([]);
    expect(codes({ ...values, name: 'tools2-image-cron' }, edit)).toEqual(['name:warning:renamed']);
  });

  it('checks the namespace: optional, DNS-1123 label, warns when it does not exist', () => {
    expect(codes({ ...good, namespace: 'team-a' })).toEqual([]);
    expect(codes({ ...good, namespace: 'Team.A' })).toEqual(['namespace:error:dns1123-label']);
    expect(codes({ ...good, namespace: 'team-b' })).toEqual(['namespace:warning:namespace-missing']);
    expect(codes({ ...good, namespace: 'team-b' }, ctx({ namespaces: undefined }))).toEqual([]);
  });

  it('checks the registry URL', () => {
    expect(codes({ ...good, url: 'docker://' })).toEqual(['url:error:required']);
    expect(codes({ ...good, url: 'https://quay.io/img' })).toEqual(['url:error:url-scheme']);
    expect(codes({ ...good, url: 'quay.io/img:1' })).toEqual(['url:error:url-scheme']);
    expect(codes({ ...good, url: 'docker://quay.io/Img' })).toEqual(['url:error:url-reference']);
    expect(codes({ ...good, url: 'docker://fedora' })).toEqual(['url:warning:url-docker-hub']);
    expect(validateCustomSource({ ...good, url: 'docker://fedora:41' }, ctx())[0]).toMatchObject({
      normalized: 'docker://docker.io/library/fedora:41',
    });
    expect(codes({ ...good, url: `docker://quay.io/img@sha256:${'b'.repeat(64)}` })).toEqual([
      'url:warning:url-digest-pinned',
    ]);
    expect(codes({ ...good, url: 'oci-archive:///images/disk.tar' })).toEqual([]);
    expect(codes({ ...good, url: 'oci-archive:///images/disk.tar', pullMethod: 'node' })).toEqual([
      'url:error:node-needs-docker',
    ]);
  });

  it('refuses credentials with node pull and checks their names', () => {
    expect(codes({ ...good, secretRef: 'pull-creds', certConfigMap: 'corp-ca' })).toEqual([]);
    expect(codes({ ...good, secretRef: 'Pull Creds' })).toEqual(['secretRef:error:dns1123-subdomain']);
    expect(codes({ ...good, secretRef: 'pull-creds', pullMethod: 'node' })).toEqual([
      'secretRef:error:node-no-credentials',
    ]);
    expect(codes({ ...good, certConfigMap: 'corp-ca', pullMethod: 'node' })).toEqual([
      'certConfigMap:error:node-no-credentials',
    ]);
  });

  it('checks schedule, size, class, DataSource and retention', () => {
    expect(codes({ ...good, schedule: '0 0 0 * * *' })).toEqual(['schedule:error:schedule']);
    expect(codes({ ...good, size: '-5Gi' })).toEqual(['size:error:size']);
    expect(codes({ ...good, size: '0' })).toEqual(['size:error:size']);
    expect(codes({ ...good, storageClass: 'gone' })).toEqual(['storageClass:warning:class-missing']);
    expect(codes({ ...good, managedDataSource: '9lives' })).toEqual([
      'managedDataSource:error:dns1035-label',
    ]);
    expect(codes({ ...good, managedDataSource: 'a'.repeat(64) })).toEqual([
      'managedDataSource:error:too-long',
    ]);
    expect(codes({ ...good, importsToKeep: '-1' })).toEqual(['importsToKeep:error:whole-number']);
    expect(codes({ ...good, importsToKeep: '1.5' })).toEqual(['importsToKeep:error:whole-number']);
    expect(codes({ ...good, importsToKeep: '0' })).toEqual(['importsToKeep:warning:keeps-no-import']);
    expect(codes({ ...good, importsToKeep: '3000000000' })).toEqual(['importsToKeep:error:number-too-large']);
    expect(codes({ ...good, retentionPolicy: 'Some' as never })).toEqual([
      'retentionPolicy:error:retention-policy',
    ]);
  });

  it('refuses a DataSource another source manages in the same namespace', () => {
    const taken = validateCustomSource({ ...good, managedDataSource: 'rhel9' }, ctx());
    expect(taken).toEqual([
      {
        field: 'managedDataSource',
        severity: 'error',
        code: 'data-source-taken',
        namespace: 'openshift-virtualization-os-images',
        by: 'rhel9-image-cron',
      },
    ]);
    // fedora's cron lives in "golden": another namespace is fine, the same is not
    expect(codes({ ...good, managedDataSource: 'fedora' })).toEqual([]);
    expect(codes({ ...good, managedDataSource: 'fedora', namespace: 'golden' })).toEqual([
      'managedDataSource:error:data-source-taken',
    ]);
  });

  it('checks only storage when customising', () => {
    const c = ctx({ mode: 'customise', editing: 'rhel9-image-cron', builtInSize: '10Gi' });
    const values = fromTemplate(hco.status!.dataImportCronTemplates![0]);
    expect(codes(values, c)).toEqual([]);
    expect(codes({ ...values, size: '5Gi' }, c)).toEqual(['size:warning:smaller-than-built-in']);
    expect(codes({ ...values, size: 'big' }, c)).toEqual(['size:error:size']);
  });

  it('maps errors to wizard steps', () => {
    const messages = validateCustomSource({ ...good, url: 'docker://x y', size: '0' }, ctx());
    expect(hasErrorIn(messages, STEP_FIELDS.source)).toBe(true);
    expect(hasErrorIn(messages, STEP_FIELDS.schedule)).toBe(false);
    expect(hasErrorIn(messages, STEP_FIELDS.storage)).toBe(true);
    expect(hasErrorIn(messages, STEP_FIELDS.dataSource)).toBe(false);
  });
});

describe('toTemplate / fromTemplate', () => {
  it('builds a new item with exactly the form fields', () => {
    expect(
      toTemplate(
        { ...good, namespace: ' team-a ', storageClass: 'lvms-vg1', secretRef: 'creds' },
        { wffcClass: true },
      ),
    ).toEqual({
      metadata: {
        name: 'my-image-cron',
        namespace: 'team-a',
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        schedule: '0 4 * * *',
        managedDataSource: 'debian12',
        retentionPolicy: 'None',
        importsToKeep: 1,
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/debian:12', secretRef: 'creds' } },
            storage: { resources: { requests: { storage: '12Gi' } }, storageClassName: 'lvms-vg1' },
          },
        },
      },
    });
    const plain = toTemplate({ ...good, pullMethod: 'node' }, { wffcClass: false });
    expect(plain.metadata).toEqual({ name: 'my-image-cron' });
    expect(plain.spec!.template.spec.source!.registry).toEqual({
      url: 'docker://quay.io/containerdisks/debian:12',
      pullMethod: 'node',
    });
  });

  it('round-trips an item and keeps what the wizard does not show', () => {
    const values = fromTemplate(tools);
    expect(values).toEqual({
      name: 'tools-image-cron',
      namespace: '',
      url: 'docker://registry.corp.example.com:5000/vm-images/tools:latest',
      pullMethod: 'pod',
      secretRef: '',
      certConfigMap: '',
      schedule: '0 4 * * 1',
      size: '8Gi',
      storageClass: 'lvms-vg1',
      managedDataSource: 'tools',
      retentionPolicy: 'None',
      importsToKeep: '2',
    });
    expect(toTemplate(values, { wffcClass: true, original: tools })).toEqual(tools);
    const edited = toTemplate(
      { ...values, size: '9Gi', storageClass: '', schedule: ' 0  5 * * 1 ', pullMethod: 'node' },
      { wffcClass: false, original: tools },
    );
    expect(edited.metadata).toEqual(tools.metadata);
    expect(edited.spec).toMatchObject({
      serviceAccountName: 'importer',
      garbageCollect: 'Outdated',
      schedule: '0 5 * * 1',
    });
    expect(edited.spec!.template.metadata).toEqual({ labels: { team: 'ops' } });
    expect(edited.spec!.template.spec.storage).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '9Gi' } },
    });
    expect(edited.spec!.template.spec.source!.registry).toEqual({
      url: 'docker://registry.corp.example.com:5000/vm-images/tools:latest',
      platform: { architecture: 'amd64' },
      pullMethod: 'node',
    });
    // the original is not touched
    expect(tools.spec!.template.spec.storage!.resources!.requests!.storage).toBe('8Gi');
  });

  it('edits a raw pvc spec where the item has one, and names unsupported sources', () => {
    const pvcItem: DataImportCronTemplate = {
      metadata: { name: 'p' },
      spec: {
        schedule: '0 0 * * *',
        managedDataSource: 'p',
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/p:1' } },
            pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        },
      },
    };
    expect(templateSize(pvcItem)).toBe('1Gi');
    const out = toTemplate(
      { ...fromTemplate(pvcItem), size: '2Gi' },
      { wffcClass: false, original: pvcItem },
    );
    expect(out.spec!.template.spec.pvc!.resources!.requests!.storage).toBe('2Gi');
    expect(out.spec!.template.spec.storage).toBeUndefined();
    expect(unsupportedSource(pvcItem)).toBeUndefined();
    expect(
      unsupportedSource({
        ...pvcItem,
        spec: { ...pvcItem.spec!, template: { spec: { source: { pvc: { name: 'a', namespace: 'b' } } } } },
      }),
    ).toBe('pvc');
    expect(
      unsupportedSource({
        ...pvcItem,
        spec: {
          ...pvcItem.spec!,
          template: { spec: { source: { registry: { imageStream: 'is', pullMethod: 'node' } } } },
        },
      }),
    ).toBe('image-stream');
  });

  it('suggests a DataSource name from the source name', () => {
    expect(suggestDataSourceName('debian12-image-cron')).toBe('debian12');
    expect(suggestDataSourceName('9-Tools_cron')).toBe('tools');
  });
});

describe('customiseTemplate', () => {
  it('starts from the effective item: whole spec, no status, namespace kept, only storage changed', () => {
    const fedora = hco.status!.dataImportCronTemplates![1];
    const item = customiseTemplate(fedora, { size: '20Gi', storageClass: 'lvms-vg1' }, { wffcClass: true });
    expect(item).toEqual({
      metadata: {
        name: 'fedora-image-cron',
        namespace: 'golden',
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        ...fedora.spec,
        template: {
          spec: {
            source: fedora.spec!.template.spec.source,
            storage: { resources: { requests: { storage: '20Gi' } }, storageClassName: 'lvms-vg1' },
          },
        },
      },
    });
    expect('status' in item).toBe(false);
    const rhel9 = customiseTemplate(
      hco.status!.dataImportCronTemplates![0],
      { size: '10Gi', storageClass: '' },
      { wffcClass: false },
    );
    expect(rhel9.metadata).toEqual({ name: 'rhel9-image-cron' });
    expect(rhel9.spec!.schedule).toBe('17 3/12 * * *');
  });

  it('keeps an existing customisation whole and changes its storage', () => {
    const entry: DataImportCronTemplate = {
      metadata: { name: 'rhel9-image-cron', labels: { a: 'b' } },
      spec: { ...common('x', 'rhel9').spec!, schedule: '' },
    };
    const item = customiseTemplate(
      entry,
      { size: '30Gi', storageClass: '' },
      { wffcClass: false, existingEntry: true },
    );
    expect(item.metadata).toEqual({ name: 'rhel9-image-cron', labels: { a: 'b' } });
    expect(item.spec!.schedule).toBe('');
    expect(templateSize(item)).toBe('30Gi');
  });

  it('becomes exactly one new list entry through upsertTemplate', () => {
    const item = toTemplate(good, { wffcClass: false });
    const [change] = templateListIntent(upsertTemplate(item))(hco);
    expect(change.value).toEqual([...specTemplates(hco), item]);
  });
});
