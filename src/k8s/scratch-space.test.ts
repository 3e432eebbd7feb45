import { describe, expect, it } from 'vitest';
import { SCRATCH_ENDPOINTS, SCRATCH_MATRIX } from './scratch-space';

describe('the operations matrix', () => {
  it("matches the documented matrix, with TAR over HTTP(S) needing scratch as CDI's code says", () => {
    const needs = (e: (typeof SCRATCH_ENDPOINTS)[number], c: keyof (typeof SCRATCH_MATRIX)['http']) =>
      SCRATCH_MATRIX[e][c].map(
        (x) =>
          `${x.format}${x.supported ? '' : '□'}${x.scratch === 'always' ? '*' : x.scratch === 'custom-ca' ? '**' : ''}`,
      );
    expect(needs('http', 'kubevirt-qcow2')).toEqual(['QCOW2', 'GZ*', 'XZ*']);
    expect(needs('https', 'kubevirt-qcow2')).toEqual(['QCOW2**', 'GZ*', 'XZ*']);
    expect(needs('http-basic-auth', 'kubevirt-qcow2')).toEqual(['QCOW2', 'GZ*', 'XZ*']);
    expect(needs('registry', 'kubevirt-qcow2')).toEqual(['QCOW2*', 'GZ□', 'XZ□']);
    expect(needs('upload', 'kubevirt-qcow2')).toEqual(['QCOW2*', 'GZ*', 'XZ*']);
    expect(needs('registry', 'kubevirt-raw')).toEqual(['raw*', 'GZ□', 'XZ□']);
    expect(needs('upload', 'kubevirt-raw')).toEqual(['raw*', 'GZ*', 'XZ*']);
    expect(needs('http', 'kubevirt-raw')).toEqual(['raw', 'GZ', 'XZ']);
    expect(SCRATCH_ENDPOINTS.map((e) => needs(e, 'archive')[0])).toEqual([
      'TAR*',
      'TAR*',
      'TAR*',
      'TAR□',
      'TAR□',
    ]);
  });
});
