import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BreakableText, breakPoints } from './BreakableText';

describe('BreakableText', () => {
  it('allows breaks after dots and slashes and between camelCase words', () => {
    expect(breakPoints('openshift-storage.rbd.csi.ceph.com')).toEqual([
      'openshift-storage.',
      'rbd.',
      'csi.',
      'ceph.',
      'com',
    ]);
    expect(breakPoints('kubernetes.io/no-provisioner')).toEqual(['kubernetes.', 'io/', 'no-provisioner']);
    expect(breakPoints('UnrecognizedProvisioner')).toEqual(['Unrecognized', 'Provisioner']);
  });

  it('keeps a value without break points whole', () => {
    expect(breakPoints('copy')).toEqual(['copy']);
    expect(renderToStaticMarkup(<BreakableText text="copy" />)).toBe('copy');
  });

  it('renders the same text, with <wbr> only between the parts', () => {
    const html = renderToStaticMarkup(<BreakableText text="ebs.csi.aws.com" />);
    expect(html).toBe('ebs.<wbr/>csi.<wbr/>aws.<wbr/>com');
    expect(html.replace(/<wbr\/>/g, '')).toBe('ebs.csi.aws.com');
  });
});
