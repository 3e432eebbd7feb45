import { Fragment } from 'react';

/**
 * Where a long identifier may wrap: after a dot or slash ("openshift-storage.rbd.csi.ceph.com",
 * "kubernetes.io/no-provisioner") and between camelCase words ("UnrecognizedProvisioner"). Hyphens
 * already allow a break. Lets narrow table columns wrap such values at word boundaries.
 */
export const breakPoints = (text: string): string[] => text.split(/(?<=[./])|(?<=[a-z])(?=[A-Z])/);

/** The text with `<wbr>` break opportunities; copying or reading it yields the text unchanged. */
export const BreakableText = ({ text }: { text: string }) => (
  <>
    {breakPoints(text).map((part, i) => (
      <Fragment key={i}>
        {i > 0 && <wbr />}
        {part}
      </Fragment>
    ))}
  </>
);
