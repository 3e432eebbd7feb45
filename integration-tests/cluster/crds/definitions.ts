/**
 * Our own CustomResourceDefinitions for the simulator, written from api-facts.md: structural schemas that
 * cover the fields the plugin and the seeds use, with the upstream group, versions, scope, names, status
 * subresources, printer columns and the validations that matter (enums, patterns, CEL). Subtrees the
 * plugin never reads are kept with `x-kubernetes-preserve-unknown-fields`.
 * `write-crds.ts` renders these to the YAML manifests beside this file; a test keeps them in step.
 */

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int32: Schema = { type: 'integer', format: 'int32' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const strList: Schema = { type: 'array', items: str };
const strSet: Schema = { ...strList, 'x-kubernetes-list-type': 'set' };
const strMap: Schema = { type: 'object', additionalProperties: str };
const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...extra,
});
const anyObject: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const quantity: Schema = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  pattern:
    '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  'x-kubernetes-int-or-string': true,
};
const quantityMap: Schema = { type: 'object', additionalProperties: quantity };
const resourceRequirements = obj({
  claims: { type: 'array', items: obj({ name: str, request: str }, { required: ['name'] }) },
  limits: quantityMap,
  requests: quantityMap,
});
const nameNamespace = obj({ name: str, namespace: str }, { required: ['name', 'namespace'] });
const objectMeta = obj({
  name: str,
  namespace: str,
  labels: strMap,
  annotations: strMap,
  finalizers: strList,
});

/** Condition as CDI and HPP write it (lastHeartbeatTime, no observedGeneration). */
const cdiCondition = obj(
  {
    type: str,
    status: str,
    reason: str,
    message: str,
    lastHeartbeatTime: dateTime,
    lastTransitionTime: dateTime,
  },
  { required: ['status', 'type'] },
);
const conditions = (item: Schema): Schema => ({ type: 'array', items: item });

// ---- DataVolume spec (also inside DataImportCron templates and HCO dataImportCronTemplates) ----

const claimSpec = (extra: Record<string, Schema> = {}): Schema =>
  obj({
    accessModes: strList,
    dataSource: anyObject,
    dataSourceRef: anyObject,
    resources: obj({ limits: quantityMap, requests: quantityMap }),
    selector: anyObject,
    storageClassName: str,
    volumeMode: str,
    volumeName: str,
    ...extra,
  });

const dataVolumeSource = obj({
  blank: obj({}),
  gcs: obj({ secretRef: str, url: str }, { required: ['url'] }),
  http: obj(
    {
      certConfigMap: str,
      checksum: str,
      extraHeaders: strList,
      secretExtraHeaders: strList,
      secretRef: str,
      url: str,
    },
    { required: ['url'] },
  ),
  imageio: obj(
    { certConfigMap: str, diskId: str, insecureSkipVerify: bool, secretRef: str, url: str },
    { required: ['diskId', 'url'] },
  ),
  pvc: nameNamespace,
  registry: obj({
    certConfigMap: str,
    imageStream: str,
    platform: obj({ architecture: str }),
    pullMethod: { type: 'string', enum: ['pod', 'node'] },
    secretRef: str,
    url: str,
  }),
  s3: obj({ certConfigMap: str, secretRef: str, url: str }, { required: ['url'] }),
  snapshot: nameNamespace,
  upload: obj({}),
  vddk: obj({
    backingFile: str,
    extraArgs: str,
    initImageURL: str,
    secretRef: str,
    thumbprint: str,
    url: str,
    uuid: str,
  }),
});

const dataVolumeSpec = obj({
  checkpoints: {
    type: 'array',
    items: obj({ current: str, previous: str }, { required: ['current', 'previous'] }),
  },
  contentType: { type: 'string', enum: ['kubevirt', 'archive'] },
  finalCheckpoint: bool,
  preallocation: bool,
  priorityClassName: str,
  pvc: claimSpec({ volumeAttributesClassName: str }),
  serviceAccountName: str,
  source: dataVolumeSource,
  sourceRef: obj({ kind: str, name: str, namespace: str }, { required: ['kind', 'name'] }),
  storage: claimSpec(),
});

const dataImportCronSpec = obj(
  {
    garbageCollect: str,
    importsToKeep: int32,
    managedDataSource: str,
    retentionPolicy: str,
    schedule: str,
    serviceAccountName: { type: 'string', minLength: 1 },
    template: obj({ metadata: anyObject, spec: dataVolumeSpec }, { required: ['spec'] }),
  },
  { required: ['managedDataSource', 'schedule', 'template'] },
);

// ---- CDI config ----

const OVERHEAD_PATTERN = '^(0(?:\\.\\d{1,3})?|1)$';
const percent: Schema = { type: 'string', pattern: OVERHEAD_PATTERN };
const filesystemOverhead = obj({
  global: percent,
  storageClass: { type: 'object', additionalProperties: percent },
});
const importProxy = obj({ HTTPProxy: str, HTTPSProxy: str, noProxy: str, trustedCAProxy: str });
const imagePullSecrets: Schema = { type: 'array', items: obj({ name: str }) };

const cdiConfigSpec = obj({
  dataVolumeTTLSeconds: int32,
  featureGates: strList,
  filesystemOverhead,
  imagePullSecrets,
  importProxy,
  insecureRegistries: strList,
  logVerbosity: int32,
  podResourceRequirements: resourceRequirements,
  preallocation: bool,
  scratchSpaceStorageClass: str,
  tlsSecurityProfile: anyObject,
  uploadProxyURLOverride: str,
});

// ---- CRD assembly ----

interface VersionDef {
  name: string;
  served?: boolean;
  storage: boolean;
  schema: Schema;
  status?: boolean;
  columns?: { name: string; type: string; jsonPath: string; priority?: number }[];
}

interface CrdDef {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  scope: 'Cluster' | 'Namespaced';
  shortNames?: string[];
  categories?: string[];
  versions: VersionDef[];
}

const age = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function crd(def: CrdDef) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${def.group}` },
    spec: {
      group: def.group,
      names: {
        ...(def.categories ? { categories: def.categories } : {}),
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        ...(def.shortNames ? { shortNames: def.shortNames } : {}),
        singular: def.singular,
      },
      scope: def.scope,
      versions: def.versions.map((v) => ({
        ...(v.columns ? { additionalPrinterColumns: v.columns } : {}),
        name: v.name,
        schema: { openAPIV3Schema: v.schema },
        served: v.served ?? true,
        storage: v.storage,
        subresources: v.status ? { status: {} } : {},
      })),
    },
  };
}

/** A top-level object schema: apiVersion, kind, metadata plus the given properties. */
const root = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties: { apiVersion: str, kind: str, metadata: { type: 'object' }, ...properties },
  ...(required.length ? { required } : {}),
});

// HyperConverged --------------------------------------------------------------------------------

const HCO_FEATURE_GATES = [
  'alignCPUs',
  'containerPathVolumes',
  'decentralizedLiveMigration',
  'declarativeHotplugVolumes',
  'deployKubeSecondaryDNS',
  'deployKubevirtIpamController',
  'deployTektonTaskResources',
  'deployVmConsoleProxy',
  'disableMDevConfiguration',
  'downwardMetrics',
  'enableApplicationAwareQuota',
  'enableCommonBootImageImport',
  'enableManagedTenantQuota',
  'enableMultiArchBootImageImport',
  'incrementalBackup',
  'nonRoot',
  'objectGraph',
  'persistentReservation',
  'primaryUserDefinedNetworkBinding',
  'videoConfig',
  'withHostPassthroughCPU',
  'autoResourceLimits',
];
const GATE_DEFAULTS: Record<string, boolean> = {
  containerPathVolumes: false,
  decentralizedLiveMigration: true,
  declarativeHotplugVolumes: false,
  deployKubeSecondaryDNS: false,
  disableMDevConfiguration: false,
  downwardMetrics: false,
  enableMultiArchBootImageImport: false,
  incrementalBackup: false,
  objectGraph: false,
  persistentReservation: false,
  videoConfig: true,
};
/** Upstream defaults alignCPUs on the property only (not in the featureGates object default). */
const GATE_PROPERTY_DEFAULTS: Record<string, boolean> = { ...GATE_DEFAULTS, alignCPUs: false };
const CERT_DEFAULT = {
  ca: { duration: '48h0m0s', renewBefore: '24h0m0s' },
  server: { duration: '24h0m0s', renewBefore: '12h0m0s' },
};
const HCO_SPEC_DEFAULT = {
  certConfig: CERT_DEFAULT,
  deployVmConsoleProxy: false,
  enableApplicationAwareQuota: false,
  enableCommonBootImageImport: true,
  featureGates: GATE_DEFAULTS,
  liveMigrationConfig: {
    allowAutoConverge: false,
    allowPostCopy: false,
    completionTimeoutPerGiB: 150,
    parallelMigrationsPerCluster: 5,
    parallelOutboundMigrationsPerNode: 2,
    progressTimeout: 150,
  },
  resourceRequirements: { vmiCPUAllocationRatio: 10 },
  uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
  virtualMachineOptions: { disableFreePageReporting: false, disableSerialConsoleLog: false },
};
const certRotation = obj({ duration: str, renewBefore: str });
const nodePlacementHolder = obj({ nodePlacement: anyObject });

const hcoSpec: Schema = {
  ...obj({
    applicationAwareConfig: obj({
      allowApplicationAwareClusterResourceQuota: { type: 'boolean', default: false },
      namespaceSelector: anyObject,
      vmiCalcConfigName: {
        type: 'string',
        default: 'DedicatedVirtualResources',
        enum: [
          'VmiPodUsage',
          'VirtualResources',
          'DedicatedVirtualResources',
          'IgnoreVmiCalculator',
          'GuestEffectiveResources',
        ],
      },
    }),
    certConfig: { ...obj({ ca: certRotation, server: certRotation }), default: CERT_DEFAULT },
    commonBootImageNamespace: str,
    dataImportCronTemplates: {
      type: 'array',
      items: obj({ metadata: objectMeta, spec: dataImportCronSpec }),
      'x-kubernetes-list-type': 'atomic',
    },
    deployVmConsoleProxy: { type: 'boolean', default: false },
    enableApplicationAwareQuota: { type: 'boolean', default: false },
    enableCommonBootImageImport: { type: 'boolean', default: true },
    featureGates: {
      ...obj(
        Object.fromEntries(
          HCO_FEATURE_GATES.map((g) => [
            g,
            g in GATE_PROPERTY_DEFAULTS ? { type: 'boolean', default: GATE_PROPERTY_DEFAULTS[g] } : bool,
          ]),
        ),
      ),
      default: GATE_DEFAULTS,
    },
    filesystemOverhead,
    infra: nodePlacementHolder,
    liveMigrationConfig: { ...anyObject, default: HCO_SPEC_DEFAULT.liveMigrationConfig },
    localStorageClassName: str,
    logVerbosityConfig: obj({ cdi: int32, kubevirt: anyObject }),
    resourceRequirements: {
      ...obj({
        storageWorkloads: resourceRequirements,
        vmiCPUAllocationRatio: {
          type: 'integer',
          minimum: 1,
          default: 10,
          'x-kubernetes-validations': [
            { rule: 'self > 0', message: 'vmiCPUAllocationRatio must be greater than 0' },
          ],
        },
      }),
      default: { vmiCPUAllocationRatio: 10 },
    },
    scratchSpaceStorageClass: str,
    storageImport: obj({ insecureRegistries: strSet }),
    tlsSecurityProfile: anyObject,
    uninstallStrategy: {
      type: 'string',
      default: 'BlockUninstallIfWorkloadsExist',
      enum: ['RemoveWorkloads', 'BlockUninstallIfWorkloadsExist'],
    },
    virtualMachineOptions: { ...anyObject, default: HCO_SPEC_DEFAULT.virtualMachineOptions },
    vmStateStorageClass: str,
    workloads: nodePlacementHolder,
  }),
  // HCO has many more (KubeVirt/network) settings; they are kept as given.
  'x-kubernetes-preserve-unknown-fields': true,
  default: HCO_SPEC_DEFAULT,
};

/**
 * hco.kubevirt.io/v1 spec (HCO v1.18.1 api/v1/hyperconverged_types.go): the storage settings under `storage`,
 * the boot-source settings under `workloadSources`, feature gates as a list of `{name, state}`; the other
 * sections (virtualization, networking, security, deployment) are kept as given. Defaults as upstream's v1.
 */
const HCO_V1_SPEC_DEFAULT = {
  deployment: {
    applicationAwareConfig: { enable: false },
    deployVmConsoleProxy: false,
    uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
  },
  security: { certConfig: CERT_DEFAULT },
  virtualization: {
    liveMigrationConfig: HCO_SPEC_DEFAULT.liveMigrationConfig,
    virtualMachineOptions: HCO_SPEC_DEFAULT.virtualMachineOptions,
    vmiCPUAllocationRatio: 10,
  },
  workloadSources: { enableCommonBootImageImport: true },
};
const hcoV1Spec: Schema = {
  ...obj({
    deployment: anyObject,
    featureGates: {
      type: 'array',
      items: obj(
        { name: str, state: { type: 'string', enum: ['Enabled', 'Disabled'] } },
        { required: ['name'] },
      ),
    },
    networking: anyObject,
    security: anyObject,
    storage: obj({
      filesystemOverhead,
      scratchSpaceStorageClass: str,
      storageImport: obj({ insecureRegistries: strSet }),
      vmStateStorageClass: str,
      workloadResourceRequirements: resourceRequirements,
    }),
    virtualization: anyObject,
    workloadSources: {
      ...obj({
        commonBootImageNamespace: str,
        commonTemplatesNamespace: str,
        dataImportCronTemplates: {
          type: 'array',
          items: obj({ metadata: objectMeta, spec: dataImportCronSpec }),
          'x-kubernetes-list-type': 'atomic',
        },
        enableCommonBootImageImport: { type: 'boolean', default: true },
      }),
      // instancetypeConfig, commonInstancetypesDeployment: kept as given.
      'x-kubernetes-preserve-unknown-fields': true,
    },
  }),
  'x-kubernetes-preserve-unknown-fields': true,
  default: HCO_V1_SPEC_DEFAULT,
};

const hyperConverged = crd({
  group: 'hco.kubevirt.io',
  kind: 'HyperConverged',
  plural: 'hyperconvergeds',
  singular: 'hyperconverged',
  scope: 'Namespaced',
  shortNames: ['hco', 'hcos'],
  categories: ['all'],
  versions: [
    // v1 is served upstream too (with HCO's conversion webhook). The simulator serves it only with
    // `hcoVersion: 'v1'` (server.ts flips `served` on load) and converts through world/hco-conversion.ts.
    {
      name: 'v1',
      storage: false,
      status: true,
      columns: [age],
      schema: {
        type: 'object',
        properties: {
          apiVersion: str,
          kind: str,
          metadata: obj({ name: { type: 'string', pattern: 'kubevirt-hyperconverged' } }),
          spec: hcoV1Spec,
          status: anyObject,
        },
      },
    },
    {
      name: 'v1beta1',
      storage: true,
      status: true,
      columns: [age],
      schema: {
        type: 'object',
        properties: {
          apiVersion: str,
          kind: str,
          metadata: obj({ name: { type: 'string', pattern: 'kubevirt-hyperconverged' } }),
          spec: hcoSpec,
          status: anyObject,
        },
      },
    },
  ],
});

// CDI ------------------------------------------------------------------------------------------

const cdiSchema = root(
  {
    spec: obj({
      certConfig: obj({ ca: certRotation, client: certRotation, server: certRotation }),
      cloneStrategyOverride: { type: 'string', enum: ['copy', 'snapshot', 'csi-clone'] },
      config: cdiConfigSpec,
      customizeComponents: anyObject,
      imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
      infra: anyObject,
      priorityClass: str,
      uninstallStrategy: { type: 'string', enum: ['RemoveWorkloads', 'BlockUninstallIfWorkloadsExist'] },
      workload: anyObject,
    }),
    status: obj({
      conditions: conditions(cdiCondition),
      observedVersion: str,
      operatorVersion: str,
      phase: str,
      targetVersion: str,
    }),
  },
  ['spec'],
);
const phaseColumn = { name: 'Phase', type: 'string', jsonPath: '.status.phase' };
const cdi = crd({
  group: 'cdi.kubevirt.io',
  kind: 'CDI',
  plural: 'cdis',
  singular: 'cdi',
  scope: 'Cluster',
  shortNames: ['cdi', 'cdis'],
  versions: [
    { name: 'v1alpha1', storage: false, columns: [age, phaseColumn], schema: cdiSchema },
    { name: 'v1beta1', storage: true, columns: [age, phaseColumn], schema: cdiSchema },
  ],
});

const cdiConfig = crd({
  group: 'cdi.kubevirt.io',
  kind: 'CDIConfig',
  plural: 'cdiconfigs',
  singular: 'cdiconfig',
  scope: 'Cluster',
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      schema: root(
        {
          spec: cdiConfigSpec,
          status: obj({
            defaultPodResourceRequirements: resourceRequirements,
            filesystemOverhead,
            imagePullSecrets,
            importProxy,
            preallocation: bool,
            scratchSpaceStorageClass: str,
            uploadProxyCA: str,
            uploadProxyURL: str,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

const claimPropertySets: Schema = {
  type: 'array',
  maxItems: 8,
  items: obj(
    {
      accessModes: {
        type: 'array',
        maxItems: 4,
        items: str,
        'x-kubernetes-validations': [
          {
            rule: "self.all(am, am in ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])",
            message: 'Illegal AccessMode',
          },
        ],
      },
      volumeMode: { type: 'string', enum: ['Block', 'Filesystem'] },
    },
    { required: ['accessModes', 'volumeMode'] },
  ),
};
const profileFields = {
  claimPropertySets,
  cloneStrategy: str,
  dataImportCronSourceFormat: str,
  snapshotClass: str,
};

const storageProfile = crd({
  group: 'cdi.kubevirt.io',
  kind: 'StorageProfile',
  plural: 'storageprofiles',
  singular: 'storageprofile',
  scope: 'Cluster',
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      status: true,
      schema: root(
        {
          spec: obj(profileFields),
          status: obj({
            ...profileFields,
            conditions: conditions(cdiCondition),
            provisioner: str,
            storageClass: str,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

const dataImportCron = crd({
  group: 'cdi.kubevirt.io',
  kind: 'DataImportCron',
  plural: 'dataimportcrons',
  singular: 'dataimportcron',
  scope: 'Namespaced',
  shortNames: ['dic', 'dics'],
  categories: ['all'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      columns: [{ name: 'Format', type: 'string', jsonPath: '.status.sourceFormat' }],
      schema: root(
        {
          spec: dataImportCronSpec,
          status: obj({
            conditions: conditions(cdiCondition),
            currentImports: {
              type: 'array',
              items: obj({ DataVolumeName: str, Digest: str }, { required: ['DataVolumeName'] }),
            },
            lastExecutionTimestamp: dateTime,
            lastImportTimestamp: dateTime,
            lastImportedPVC: nameNamespace,
            sourceFormat: str,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

const dataSourceSource = obj({ dataSource: nameNamespace, pvc: nameNamespace, snapshot: nameNamespace });
const dataSource = crd({
  group: 'cdi.kubevirt.io',
  kind: 'DataSource',
  plural: 'datasources',
  singular: 'datasource',
  scope: 'Namespaced',
  shortNames: ['das'],
  categories: ['all'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      schema: root(
        {
          spec: obj({ source: dataSourceSource }, { required: ['source'] }),
          status: obj({ conditions: conditions(cdiCondition), source: dataSourceSource }),
        },
        ['spec'],
      ),
    },
  ],
});

const dataVolume = crd({
  group: 'cdi.kubevirt.io',
  kind: 'DataVolume',
  plural: 'datavolumes',
  singular: 'datavolume',
  scope: 'Namespaced',
  shortNames: ['dv', 'dvs'],
  categories: ['all'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      status: true,
      columns: [
        { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
        { name: 'Progress', type: 'string', jsonPath: '.status.progress' },
        { name: 'Restarts', type: 'integer', jsonPath: '.status.restartCount' },
        age,
      ],
      schema: root(
        {
          spec: dataVolumeSpec,
          status: obj({
            claimName: str,
            conditions: conditions(cdiCondition),
            phase: str,
            progress: str,
            restartCount: int32,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

// HostPathProvisioner ---------------------------------------------------------------------------

const hostPathProvisioner = crd({
  group: 'hostpathprovisioner.kubevirt.io',
  kind: 'HostPathProvisioner',
  plural: 'hostpathprovisioners',
  singular: 'hostpathprovisioner',
  scope: 'Cluster',
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      schema: root({
        spec: obj({
          featureGates: strSet,
          imagePullPolicy: str,
          pathConfig: obj({ path: str, useNamingPrefix: bool }),
          storagePools: {
            type: 'array',
            items: obj(
              {
                name: str,
                overlayClassName: str,
                path: str,
                pvcTemplate: claimSpec({ volumeAttributesClassName: str }),
                snapshotProvider: str,
              },
              { required: ['name', 'path'] },
            ),
            'x-kubernetes-list-type': 'atomic',
          },
          workload: anyObject,
        }),
        status: obj({
          conditions: conditions(cdiCondition),
          observedVersion: str,
          operatorVersion: str,
          storagePoolStatuses: {
            type: 'array',
            items: obj(
              {
                claimStatuses: {
                  type: 'array',
                  items: obj({ name: str, status: anyObject }, { required: ['name', 'status'] }),
                },
                currentReady: { type: 'integer' },
                desiredReady: { type: 'integer' },
                name: str,
                phase: str,
              },
              { required: ['name'] },
            ),
          },
          targetVersion: str,
        }),
      }),
    },
  ],
});

// Volume snapshots (external-snapshotter v8) ----------------------------------------------------

const volumeSnapshotClass = crd({
  group: 'snapshot.storage.k8s.io',
  kind: 'VolumeSnapshotClass',
  plural: 'volumesnapshotclasses',
  singular: 'volumesnapshotclass',
  scope: 'Cluster',
  shortNames: ['vsclass', 'vsclasses'],
  versions: [
    {
      name: 'v1',
      storage: true,
      columns: [
        { name: 'Driver', type: 'string', jsonPath: '.driver' },
        { name: 'DeletionPolicy', type: 'string', jsonPath: '.deletionPolicy' },
        age,
      ],
      schema: root(
        { deletionPolicy: { type: 'string', enum: ['Delete', 'Retain'] }, driver: str, parameters: strMap },
        ['deletionPolicy', 'driver'],
      ),
    },
  ],
});

const snapshotError = obj({ message: str, time: dateTime });
const volumeSnapshot = crd({
  group: 'snapshot.storage.k8s.io',
  kind: 'VolumeSnapshot',
  plural: 'volumesnapshots',
  singular: 'volumesnapshot',
  scope: 'Namespaced',
  shortNames: ['vs'],
  versions: [
    {
      name: 'v1',
      storage: true,
      status: true,
      columns: [
        { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
        { name: 'SourcePVC', type: 'string', jsonPath: '.spec.source.persistentVolumeClaimName' },
        { name: 'RestoreSize', type: 'string', jsonPath: '.status.restoreSize' },
        { name: 'SnapshotClass', type: 'string', jsonPath: '.spec.volumeSnapshotClassName' },
        { name: 'SnapshotContent', type: 'string', jsonPath: '.status.boundVolumeSnapshotContentName' },
        { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
        age,
      ],
      schema: root(
        {
          spec: obj(
            {
              source: {
                ...obj({ persistentVolumeClaimName: str, volumeSnapshotContentName: str }),
                'x-kubernetes-validations': [
                  {
                    rule: '(has(self.persistentVolumeClaimName) && !has(self.volumeSnapshotContentName)) || (!has(self.persistentVolumeClaimName) && has(self.volumeSnapshotContentName))',
                    message:
                      'exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
                  },
                ],
              },
              volumeSnapshotClassName: str,
            },
            { required: ['source'] },
          ),
          status: obj({
            boundVolumeSnapshotContentName: str,
            creationTime: dateTime,
            error: snapshotError,
            readyToUse: bool,
            restoreSize: quantity,
            volumeGroupSnapshotName: str,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

const volumeSnapshotContent = crd({
  group: 'snapshot.storage.k8s.io',
  kind: 'VolumeSnapshotContent',
  plural: 'volumesnapshotcontents',
  singular: 'volumesnapshotcontent',
  scope: 'Cluster',
  shortNames: ['vsc', 'vscs'],
  versions: [
    {
      name: 'v1',
      storage: true,
      status: true,
      columns: [
        { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
        { name: 'RestoreSize', type: 'integer', jsonPath: '.status.restoreSize' },
        { name: 'DeletionPolicy', type: 'string', jsonPath: '.spec.deletionPolicy' },
        { name: 'Driver', type: 'string', jsonPath: '.spec.driver' },
        { name: 'VolumeSnapshot', type: 'string', jsonPath: '.spec.volumeSnapshotRef.name' },
        age,
      ],
      schema: root(
        {
          spec: obj(
            {
              deletionPolicy: { type: 'string', enum: ['Delete', 'Retain'] },
              driver: str,
              source: obj({ snapshotHandle: str, volumeHandle: str }),
              sourceVolumeMode: str,
              volumeSnapshotClassName: str,
              volumeSnapshotRef: anyObject,
            },
            { required: ['deletionPolicy', 'driver', 'source', 'volumeSnapshotRef'] },
          ),
          status: obj({
            creationTime: { type: 'integer', format: 'int64' },
            error: snapshotError,
            readyToUse: bool,
            restoreSize: { type: 'integer', format: 'int64', minimum: 0 },
            snapshotHandle: str,
          }),
        },
        ['spec'],
      ),
    },
  ],
});

/** File name (upstream's convention `<plural>.<group>.yaml`) -> manifest. */
export const CRDS: Record<string, ReturnType<typeof crd>> = Object.fromEntries(
  [
    hyperConverged,
    cdi,
    cdiConfig,
    storageProfile,
    dataImportCron,
    dataSource,
    dataVolume,
    hostPathProvisioner,
    volumeSnapshotClass,
    volumeSnapshot,
    volumeSnapshotContent,
  ].map((c) => [`${c.metadata.name}.yaml`, c]),
);

// ---- OpenShift console (openshift/api console/v1 ConsolePlugin, operator/v1 Console) -----------------------------
// Written from the openshift/api types for the fields a plugin installation uses; subtrees an installation never
// sets are kept with x-kubernetes-preserve-unknown-fields. `../shared/console-crds` holds the upstream manifests.

const serviceRef = (extra: Record<string, Schema> = {}) =>
  obj(
    {
      name: { type: 'string', minLength: 1, maxLength: 128 },
      namespace: { type: 'string', minLength: 1, maxLength: 128 },
      port: { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 },
      ...extra,
    },
    { required: ['name', 'namespace', 'port'] },
  );

const cspValue: Schema = {
  type: 'string',
  minLength: 1,
  maxLength: 1024,
  'x-kubernetes-validations': [
    { message: 'CSP directive value cannot contain a quote', rule: `!self.contains("'")` },
    { message: 'CSP directive value cannot contain a whitespace', rule: `!self.matches('\\\\s')` },
    { message: 'CSP directive value cannot contain a comma', rule: `!self.contains(',')` },
    { message: 'CSP directive value cannot contain a semi-colon', rule: `!self.contains(';')` },
    { message: 'CSP directive value cannot be a wildcard', rule: `self != '*'` },
  ],
};

const consolePlugin = crd({
  group: 'console.openshift.io',
  kind: 'ConsolePlugin',
  plural: 'consoleplugins',
  singular: 'consoleplugin',
  scope: 'Cluster',
  versions: [
    {
      name: 'v1',
      storage: true,
      schema: root(
        {
          spec: obj(
            {
              backend: obj(
                {
                  service: serviceRef({
                    basePath: {
                      type: 'string',
                      default: '/',
                      minLength: 1,
                      maxLength: 256,
                      pattern: "^[a-zA-Z0-9.\\-_~!$&'()*+,;=:@\\/]*$",
                    },
                  }),
                  type: { type: 'string', enum: ['Service'] },
                },
                { required: ['type'] },
              ),
              contentSecurityPolicy: {
                type: 'array',
                maxItems: 5,
                items: obj(
                  {
                    directive: {
                      type: 'string',
                      enum: ['DefaultSrc', 'ScriptSrc', 'StyleSrc', 'ImgSrc', 'FontSrc', 'ConnectSrc'],
                    },
                    values: {
                      type: 'array',
                      minItems: 1,
                      maxItems: 16,
                      items: cspValue,
                      'x-kubernetes-list-type': 'atomic',
                      'x-kubernetes-validations': [
                        {
                          message: 'each CSP directive value must be unique',
                          rule: 'self.all(x, self.exists_one(y, x == y))',
                        },
                      ],
                    },
                  },
                  { required: ['directive', 'values'] },
                ),
                'x-kubernetes-list-map-keys': ['directive'],
                'x-kubernetes-list-type': 'map',
                'x-kubernetes-validations': [
                  {
                    message: 'the total combined size of values of all directives must not exceed 8192 (8kb)',
                    rule: 'self.map(x, x.values.map(y, y.size()).sum()).sum() < 8192',
                  },
                ],
              },
              displayName: { type: 'string', minLength: 1, maxLength: 128 },
              i18n: obj(
                { loadType: { type: 'string', enum: ['Preload', 'Lazy', ''] } },
                { required: ['loadType'] },
              ),
              proxy: {
                type: 'array',
                items: obj(
                  {
                    alias: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9-_]+$' },
                    authorization: { type: 'string', default: 'None', enum: ['UserToken', 'None'] },
                    caCertificate: {
                      type: 'string',
                      pattern: '^-----BEGIN CERTIFICATE-----([\\s\\S]*)-----END CERTIFICATE-----\\s?$',
                    },
                    endpoint: obj(
                      { service: serviceRef(), type: { type: 'string', enum: ['Service'] } },
                      { required: ['type'] },
                    ),
                  },
                  { required: ['alias', 'endpoint'] },
                ),
                'x-kubernetes-list-type': 'atomic',
              },
            },
            { required: ['backend', 'displayName'] },
          ),
        },
        ['metadata', 'spec'],
      ),
    },
  ],
});

const LOG_LEVEL: Schema = {
  type: 'string',
  default: 'Normal',
  enum: ['', 'Normal', 'Debug', 'Trace', 'TraceAll'],
};
const nullableAny: Schema = { ...anyObject, nullable: true };

const consoleOperatorConfig = crd({
  group: 'operator.openshift.io',
  kind: 'Console',
  plural: 'consoles',
  singular: 'console',
  scope: 'Cluster',
  versions: [
    {
      name: 'v1',
      storage: true,
      status: true,
      schema: root(
        {
          spec: obj({
            customization: anyObject,
            ingress: anyObject,
            logLevel: LOG_LEVEL,
            managementState: { type: 'string', pattern: '^(Managed|Unmanaged|Force|Removed)$' },
            observedConfig: nullableAny,
            operatorLogLevel: LOG_LEVEL,
            plugins: strList,
            providers: anyObject,
            route: anyObject,
            unsupportedConfigOverrides: nullableAny,
          }),
          status: anyObject,
        },
        ['spec'],
      ),
    },
  ],
});

/** The console CRDs, rendered to `console/` beside the others (loaded by every simulator unless it opts out). */
export const CONSOLE_CRDS: Record<string, ReturnType<typeof crd>> = Object.fromEntries(
  [consolePlugin, consoleOperatorConfig].map((c) => [`${c.metadata.name}.yaml`, c]),
);
