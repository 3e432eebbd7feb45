// Shared by the storage settings (scratch class section) and the data-volume wizard (scratch advice).

/**
 * Which imports need scratch space: the "CDI supported operations matrix" of the OpenShift Virtualization
 * documentation ("Preparing CDI scratch space", section 11.8.4 in OpenShift Container Platform 4.21,
 * https://docs.redhat.com/en/documentation/openshift_container_platform/4.21/html/virtualization/virt-cdi-supported-operations-matrix_virt-preparing-cdi-scratch-space;
 * 8.8.4 in earlier editions). Rows are the endpoints, columns the content types. The Archive (tar) column is
 * from the editions that still listed it (e.g. 4.4, section 6.14.7.5, "Archive does not support block mode
 * DVs"); later editions dropped it. The same matrix is in CDI's doc/supported_operations.md.
 * One correction from CDI's code: the docs mark TAR over HTTP(S) as needing no scratch space, but CDI v1.65.0
 * requests scratch space for every archive import up front (pkg/controller/import-controller.go:779-786,
 * `requiresScratchSpace`: "All archive requires scratch space").
 */
export type ScratchEndpoint = 'http' | 'https' | 'http-basic-auth' | 'registry' | 'upload';
export type ScratchContentType = 'kubevirt-qcow2' | 'kubevirt-raw' | 'archive';

export interface ScratchFormat {
  /** Image format as the docs name it: QCOW2, raw, GZ, XZ, TAR. */
  format: string;
  supported: boolean;
  /** 'always' (*), 'custom-ca' (** only when a custom certificate authority is needed) or 'never'. */
  scratch: 'always' | 'custom-ca' | 'never';
}

export const SCRATCH_ENDPOINTS: readonly ScratchEndpoint[] = [
  'http',
  'https',
  'http-basic-auth',
  'registry',
  'upload',
];
export const SCRATCH_CONTENT_TYPES: readonly ScratchContentType[] = [
  'kubevirt-qcow2',
  'kubevirt-raw',
  'archive',
];

const f = (format: string, scratch: ScratchFormat['scratch'], supported = true): ScratchFormat => ({
  format,
  supported,
  scratch: supported ? scratch : 'never',
});

export const SCRATCH_MATRIX: Readonly<Record<ScratchEndpoint, Record<ScratchContentType, ScratchFormat[]>>> =
  {
    http: {
      'kubevirt-qcow2': [f('QCOW2', 'never'), f('GZ', 'always'), f('XZ', 'always')],
      'kubevirt-raw': [f('raw', 'never'), f('GZ', 'never'), f('XZ', 'never')],
      archive: [f('TAR', 'always')],
    },
    https: {
      'kubevirt-qcow2': [f('QCOW2', 'custom-ca'), f('GZ', 'always'), f('XZ', 'always')],
      'kubevirt-raw': [f('raw', 'never'), f('GZ', 'never'), f('XZ', 'never')],
      archive: [f('TAR', 'always')],
    },
    'http-basic-auth': {
      'kubevirt-qcow2': [f('QCOW2', 'never'), f('GZ', 'always'), f('XZ', 'always')],
      'kubevirt-raw': [f('raw', 'never'), f('GZ', 'never'), f('XZ', 'never')],
      archive: [f('TAR', 'always')],
    },
    registry: {
      'kubevirt-qcow2': [f('QCOW2', 'always'), f('GZ', 'never', false), f('XZ', 'never', false)],
      'kubevirt-raw': [f('raw', 'always'), f('GZ', 'never', false), f('XZ', 'never', false)],
      archive: [f('TAR', 'never', false)],
    },
    upload: {
      'kubevirt-qcow2': [f('QCOW2', 'always'), f('GZ', 'always'), f('XZ', 'always')],
      'kubevirt-raw': [f('raw', 'always'), f('GZ', 'always'), f('XZ', 'always')],
      archive: [f('TAR', 'never', false)],
    },
  };
