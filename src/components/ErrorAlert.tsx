import { Alert, List, ListItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { readK8sError, type K8sErrorKind } from '../k8s/k8s-errors';

export interface ErrorAlertProps {
  error: unknown;
  /** What failed, e.g. "Could not save the storage profile". Defaults to a title for the error kind. */
  title?: string;
  actionLinks?: ReactNode;
  /** e.g. an `AlertActionCloseButton`, for errors the user may dismiss. */
  actionClose?: ReactNode;
  /**
   * Whether the failed request was a read or a write: only after a write does the alert say that nothing was
   * saved. Defaults to 'write'.
   */
  context?: 'read' | 'write';
}

/** Shows an API error with the server's message and causes verbatim, plus what to do about it. */
export const ErrorAlert = ({
  error,
  title,
  actionLinks,
  actionClose,
  context = 'write',
}: ErrorAlertProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const e = readK8sError(error);
  const titles: Record<K8sErrorKind, string> = {
    conflict: t('The object was changed by someone else'),
    invalid: t('The server rejected the values'),
    forbidden: t('Permission denied'),
    'not-found': t('Not found'),
    other: t('Request failed'),
  };
  const hints: Partial<Record<K8sErrorKind, string>> =
    context === 'write'
      ? {
          conflict: t('Nothing was saved.'),
          forbidden: t('Nothing was saved. Ask a cluster administrator for access.'),
        }
      : { forbidden: t('You cannot see this data. Ask a cluster administrator for read access.') };
  return (
    <Alert
      variant="danger"
      isInline
      title={title ?? titles[e.kind]}
      actionLinks={actionLinks}
      actionClose={actionClose}
    >
      <p data-testid="api-error-message">{e.message}</p>
      {e.causes.length > 0 && (
        <List>
          {e.causes.map((cause) => (
            <ListItem key={cause}>{cause}</ListItem>
          ))}
        </List>
      )}
      {hints[e.kind] && <p>{hints[e.kind]}</p>}
    </Alert>
  );
};
