// Shared by the storage settings (scratch class section) and the data-volume wizard (scratch advice).

/**
 * Which imports need scratch space: the "CDI supported operations matrix" of the OpenShift Virtualization
 * documentation ("Preparing CDI scratch space", section 11.8.4 in OpenShift Container Platform 4.21,
 * https://docs.redhat.com/en/documentation/openshift_container_platform/4.21/html/virtualization/virt-cdi-supported-operations-matrix_virt-preparing-cdi-scratch-space;
 * 8.8.4 in earlier editions). Rows are the endpoints, columns the content types. The Archive (tar) column is
 * from the editions that still listed it (e.g. 4.4, section 6.14.7.5, "Archive does not support block mode
 * DVs"); later editions dropped it. The same matrix is in CDI's doc/supported_operations.md.
 * Where CDI v1.65.0's code disagrees with the docs, the cell follows the code and keeps the documented value in
 * `documented`:
 * - TAR over HTTP(S): the docs say no scratch space, but CDI requests it for every archive import up front
 *   (pkg/controller/import-controller.go:779-786, `requiresScratchSpace`: "All archive requires scratch space").
 * - KubeVirt content over HTTP(S) (QCOW2, raw, GZ, XZ, also with a custom CA): the importer streams the image
 *   through nbdkit's curl plugin into qemu-img and uses scratch space only when the server cannot serve ranges
 *   (pkg/importer/http-datasource.go `Info`: `startNbdKit() == nil && !brokenForQemuImg` goes straight to
 *   ValidatePreScratch; `createHTTPReader` sets brokenForQemuImg when Accept-Ranges is missing or "none" or the
 *   content length cannot be read). The docs' GZ/XZ and custom-CA marks describe older importers.
 */
export type ScratchEndpoint = 'http' | 'https' | 'http-basic-auth' | 'registry' | 'upload';
export type ScratchContentType = 'kubevirt-qcow2' | 'kubevirt-raw' | 'archive';

export interface ScratchFormat {
  /** Image format as the docs name it: QCOW2, raw, GZ, XZ, TAR. */
  format: string;
  supported: boolean;
  /**
   * 'always' (*), 'custom-ca' (** only when a custom certificate authority is needed), 'no-range-support' (only
   * when the server does not support HTTP range requests) or 'never'.
   */
  scratch: ScratchNeed;
  /** The documentation's answer, when CDI's code decides otherwise. */
  documented?: ScratchNeed;
}

export type ScratchNeed = 'always' | 'custom-ca' | 'no-range-support' | 'never';

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

const f = (format: string, scratch: ScratchNeed, supported = true): ScratchFormat => ({
  format,
  supported,
  scratch: supported ? scratch : 'never',
});

/** A cell where CDI's code (`actual`) differs from the documentation (`documented`). */
const code = (format: string, actual: ScratchNeed, documented: ScratchNeed): ScratchFormat => ({
  ...f(format, actual),
  documented,
});

/** KubeVirt content over HTTP(S): streamed unless the server lacks range requests (see above). */
const streamed = (format: string, documented: ScratchNeed): ScratchFormat =>
  code(format, 'no-range-support', documented);

export const SCRATCH_MATRIX: Readonly<Record<ScratchEndpoint, Record<ScratchContentType, ScratchFormat[]>>> =
  {
    http: {
      'kubevirt-qcow2': [streamed('QCOW2', 'never'), streamed('GZ', 'always'), streamed('XZ', 'always')],
      'kubevirt-raw': [streamed('raw', 'never'), streamed('GZ', 'never'), streamed('XZ', 'never')],
      archive: [code('TAR', 'always', 'never')],
    },
    https: {
      'kubevirt-qcow2': [streamed('QCOW2', 'custom-ca'), streamed('GZ', 'always'), streamed('XZ', 'always')],
      'kubevirt-raw': [streamed('raw', 'never'), streamed('GZ', 'never'), streamed('XZ', 'never')],
      archive: [code('TAR', 'always', 'never')],
    },
    'http-basic-auth': {
      'kubevirt-qcow2': [streamed('QCOW2', 'never'), streamed('GZ', 'always'), streamed('XZ', 'always')],
      'kubevirt-raw': [streamed('raw', 'never'), streamed('GZ', 'never'), streamed('XZ', 'never')],
      archive: [code('TAR', 'always', 'never')],
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
