import { Alert } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Access } from '../k8s/use-access';

/** Says the page is read-only and why. Renders nothing while the review runs or when writes are allowed. */
export const ReadOnlyNotice = ({ access }: { access: Access }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (access.loading || access.allowed) return null;
  return (
    <Alert variant="info" isInline title={t('Read-only')}>
      {access.reason ?? t('You do not have permission to change this.')}
    </Alert>
  );
};

export interface AccessGateProps {
  access: Access;
  /** Rendered for everyone; `canWrite` is false while loading and when denied, so controls stay disabled. */
  children: (canWrite: boolean) => ReactNode;
}

/** Shows the read-only notice above content that adapts to the user's write access. */
export const AccessGate = ({ access, children }: AccessGateProps) => (
  <>
    <ReadOnlyNotice access={access} />
    {children(access.allowed && !access.loading)}
  </>
);
