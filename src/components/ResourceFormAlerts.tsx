import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  Stack,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceForm, WriteFailure } from '../k8s/use-resource-form';
import { ErrorAlert } from './ErrorAlert';

export interface ResourceFormAlertsProps<R extends K8sResourceCommon> {
  form: ResourceForm<R>;
  /** The label of a form field, as the form shows it. */
  fieldLabel: (id: string) => string;
  /** A field's form value in words ("Not set" for an empty one). */
  formatValue: (id: string, value: unknown) => ReactNode;
  /** The alert title of a failed write, e.g. "Could not save the storage profile". */
  failureTitle: (failure: WriteFailure) => string;
}

/**
 * Everything the write engine has to tell about a form, kept on the page (not in a modal that closes):
 * the last failed write verbatim, what others changed meanwhile, the fields changed on both sides with a
 * choice between the two values, and changes the watch has seen since the user started.
 */
export const ResourceFormAlerts = <R extends K8sResourceCommon>({
  form,
  fieldLabel,
  formatValue,
  failureTitle,
}: ResourceFormAlertsProps<R>) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { failure, session } = form;
  const conflict = failure?.conflict ?? false;
  return (
    <Stack hasGutter>
      {failure && (
        <ErrorAlert
          error={failure.error}
          title={failureTitle(failure)}
          actionClose={<AlertActionCloseButton onClose={form.dismissFailure} />}
        />
      )}
      {form.rereadError != null && (
        <ErrorAlert
          error={form.rereadError}
          context="read"
          title={t('Could not read the current values again')}
        />
      )}
      {conflict && (
        <Alert
          variant="info"
          isInline
          title={t('Your changes now apply on top of the current values')}
          data-testid="vsp-changed-meanwhile"
        >
          <p>
            {t(
              'Fields you did not change show the values someone else saved; your own changes are kept. Review them and save again.',
            )}
          </p>
          {session.changedMeanwhile.length > 0 && (
            <DescriptionList isCompact isHorizontal aria-label={t('Changed meanwhile by someone else')}>
              {session.changedMeanwhile.map((c) => (
                <DescriptionListGroup key={c.id}>
                  <DescriptionListTerm>{fieldLabel(c.id)}</DescriptionListTerm>
                  <DescriptionListDescription>
                    {formatValue(c.id, c.before)} → {formatValue(c.id, c.after)}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              ))}
            </DescriptionList>
          )}
        </Alert>
      )}
      {session.bothChanged.map((b) => (
        // A named region per field, so keyboard and screen-reader users can find each decision.
        <section
          key={b.id}
          aria-label={t('{{field}} was changed by you and by someone else', { field: fieldLabel(b.id) })}
        >
          <Alert
            variant="warning"
            isInline
            title={t('{{field}} was changed by you and by someone else', { field: fieldLabel(b.id) })}
          >
            <DescriptionList
              isCompact
              isHorizontal
              aria-label={t('Values of {{field}}', { field: fieldLabel(b.id) })}
            >
              <DescriptionListGroup>
                <DescriptionListTerm>{t('When you started')}</DescriptionListTerm>
                <DescriptionListDescription>{formatValue(b.id, b.original)}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Their value')}</DescriptionListTerm>
                <DescriptionListDescription>{formatValue(b.id, b.theirs)}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Your value')}</DescriptionListTerm>
                <DescriptionListDescription>{formatValue(b.id, b.mine)}</DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
            <p>{t('Choose which value to save; saving waits for your choice.')}</p>
            <Flex>
              <Button variant="secondary" onClick={() => form.resolve(b.id, 'mine')}>
                {t('Keep my value')}
              </Button>
              <Button variant="secondary" onClick={() => form.resolve(b.id, 'theirs')}>
                {t('Use their value')}
              </Button>
            </Flex>
          </Alert>
        </section>
      ))}
      {form.changedSince.length > 0 && (
        <Alert
          variant="warning"
          isInline
          title={t('Someone else changed this while you were editing')}
          actionLinks={
            <Button variant="link" isInline onClick={form.loadLatest}>
              {t('Load their changes and keep mine')}
            </Button>
          }
        >
          {t('Changed: {{fields}}. Saving now fails for any field you both changed.', {
            fields: form.changedSince.map(fieldLabel).join(', '),
          })}
        </Alert>
      )}
    </Stack>
  );
};
