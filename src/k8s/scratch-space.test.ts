import { describe, expect, it } from 'vitest';
import { SCRATCH_ENDPOINTS, SCRATCH_MATRIX, type ScratchNeed } from './scratch-space';

/** The docs' marks: * always, ** with a custom CA, ~ only without range support, □ not supported. */
const MARK: Record<ScratchNeed, string> = {
  always: '*',
  'custom-ca': '**',
  'no-range-support': '~',
  never: '',
};

const cells = (
  e: (typeof SCRATCH_ENDPOINTS)[number],
  c: keyof (typeof SCRATCH_MATRIX)['http'],
  which: 'scratch' | 'documented',
) =>
  SCRATCH_MATRIX[e][c].map(
    (x) =>
      `${x.format}${x.supported ? '' : '□'}${MARK[(which === 'documented' && x.documented) || x.scratch]}`,
  );

describe('the operations matrix', () => {
  it('keeps the documented matrix, cell by cell', () => {
    const doc = (e: (typeof SCRATCH_ENDPOINTS)[number], c: keyof (typeof SCRATCH_MATRIX)['http']) =>
      cells(e, c, 'documented');
    expect(doc('http', 'kubevirt-qcow2')).toEqual(['QCOW2', 'GZ*', 'XZ*']);
    expect(doc('https', 'kubevirt-qcow2')).toEqual(['QCOW2**', 'GZ*', 'XZ*']);
    expect(doc('http-basic-auth', 'kubevirt-qcow2')).toEqual(['QCOW2', 'GZ*', 'XZ*']);
    expect(doc('registry', 'kubevirt-qcow2')).toEqual(['QCOW2*', 'GZ□', 'XZ□']);
    expect(doc('upload', 'kubevirt-qcow2')).toEqual(['QCOW2*', 'GZ*', 'XZ*']);
    expect(doc('registry', 'kubevirt-raw')).toEqual(['raw*', 'GZ□', 'XZ□']);
    expect(doc('upload', 'kubevirt-raw')).toEqual(['raw*', 'GZ*', 'XZ*']);
    expect(doc('http', 'kubevirt-raw')).toEqual(['raw', 'GZ', 'XZ']);
    expect(SCRATCH_ENDPOINTS.map((e) => doc(e, 'archive')[0])).toEqual(['TAR', 'TAR', 'TAR', 'TAR□', 'TAR□']);
  });

  it("follows CDI v1.65.0's code where it differs: HTTP(S) KubeVirt content is streamed, every archive gets scratch", () => {
    for (const e of ['http', 'https', 'http-basic-auth'] as const) {
      expect(cells(e, 'kubevirt-qcow2', 'scratch')).toEqual(['QCOW2~', 'GZ~', 'XZ~']);
      expect(cells(e, 'kubevirt-raw', 'scratch')).toEqual(['raw~', 'GZ~', 'XZ~']);
      expect(cells(e, 'archive', 'scratch')).toEqual(['TAR*']);
    }
    // Registry and upload: the code agrees with the docs, so no documented value is kept.
    for (const e of ['registry', 'upload'] as const)
      for (const c of ['kubevirt-qcow2', 'kubevirt-raw', 'archive'] as const)
        expect(SCRATCH_MATRIX[e][c].every((x) => x.documented === undefined)).toBe(true);
  });
});
