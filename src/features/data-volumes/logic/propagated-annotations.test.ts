import { describe, expect, it } from 'vitest';
import { isQualifiedName } from '../../../k8s/names';
import {
  annotationInfo,
  isPropagated,
  OFFERED_ANNOTATIONS,
  podAnnotations,
  PROPAGATED_ANNOTATIONS,
} from './propagated-annotations';

describe('propagated annotations', () => {
  it("lists exactly CDI v1.65.0's allowedAnnotations, each explained", () => {
    expect(PROPAGATED_ANNOTATIONS.map((a) => a.key).sort()).toEqual([
      'cdi.kubevirt.io/storage.pod.priorityclassname',
      'cdi.kubevirt.io/storage.pod.serviceAccountName',
      'k8s.v1.cni.cncf.io/networks',
      'linkerd.io/inject',
      'sidecar.istio.io/inject',
      'v1.multus-cni.io/default-network',
    ]);
    for (const a of [...PROPAGATED_ANNOTATIONS, ...OFFERED_ANNOTATIONS]) {
      expect(isQualifiedName(a.key)).toBe(true);
      expect(a.explanation.length).toBeGreaterThan(20);
    }
  });

  it('offers immediate bind and retainAfterCompletion, which are not copied to pods', () => {
    expect(OFFERED_ANNOTATIONS.map((a) => a.key)).toEqual([
      'cdi.kubevirt.io/storage.bind.immediate.requested',
      'cdi.kubevirt.io/storage.pod.retainAfterCompletion',
    ]);
    expect(isPropagated('cdi.kubevirt.io/storage.pod.retainAfterCompletion')).toBe(false);
    expect(isPropagated(' k8s.v1.cni.cncf.io/networks ')).toBe(true);
    expect(annotationInfo('linkerd.io/inject')?.podDefault).toBe('disabled');
    expect(annotationInfo('example.com/other')).toBeUndefined();
  });

  it('pods get the DataVolume values, the mesh defaults when absent, and no empty values', () => {
    expect(podAnnotations(undefined)).toEqual({
      'sidecar.istio.io/inject': 'false',
      'linkerd.io/inject': 'disabled',
    });
    expect(
      podAnnotations({
        'k8s.v1.cni.cncf.io/networks': 'storage-net',
        'sidecar.istio.io/inject': 'true',
        'linkerd.io/inject': '',
        'v1.multus-cni.io/default-network': '',
        'example.com/not-copied': 'x',
      }),
    ).toEqual({ 'k8s.v1.cni.cncf.io/networks': 'storage-net', 'sidecar.istio.io/inject': 'true' });
  });
});
