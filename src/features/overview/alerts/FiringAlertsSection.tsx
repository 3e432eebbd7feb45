import { Timestamp } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Content, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { runbookUrl } from '../../../health/catalog';
import { firingAlerts, type AlertStatus } from './firing-alerts';
import type { StorageAlerts } from './use-storage-alerts';

/** Prometheus could not be read: the page works from the API alone and says so (never an error page). */
export const PrometheusUnavailableAlert = ({
  unavailable,
}: {
  unavailable: NonNullable<StorageAlerts['unavailable']>;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const forbidden = unavailable.status === 401 || unavailable.status === 403;
  return (
    <Alert
      variant="info"
      isInline
      isPlain
      data-testid="vsp-prometheus-unavailable"
      title={
        forbidden
          ? t('You may not read alerts from Prometheus: findings are computed from the API only')
          : t('Prometheus is not reachable: findings are computed from the API only')
      }
    >
      {unavailable.status
        ? t(
            'The console’s Prometheus answered HTTP {{status}}, so which storage alerts are firing is not shown.',
            {
              status: unavailable.status,
            },
          )
        : t('The console’s Prometheus did not answer, so which storage alerts are firing is not shown.')}
    </Alert>
  );
};

const summaryOf = (status: AlertStatus): string | undefined => {
  const first = status.instances.find((i) => i.state === status.state);
  return first?.description ?? first?.summary;
};

/**
 * Every storage alert firing in Prometheus, also those without a live finding (e.g. KubeVirtCRModified
 * keeps firing for its 10-minute window after HCO reverted the edit).
 */
export const FiringAlertsSection = ({
  statuses,
  liveAlerts,
  checkedAlerts,
}: {
  statuses: Map<string, AlertStatus>;
  /** Alert names of the current findings. */
  liveAlerts: ReadonlySet<string>;
  /** Alert names the plugin's rules compute from the API. */
  checkedAlerts: ReadonlySet<string>;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const firing = firingAlerts(statuses);
  return (
    <section aria-labelledby="vsp-overview-firing-title" data-testid="vsp-firing-alerts">
      <Title headingLevel="h2" id="vsp-overview-firing-title" className="vsp-overview-section-title">
        {t('Firing alerts')}
      </Title>
      {firing.length === 0 ? (
        <Content component="p">{t('No storage alert is firing in Prometheus.')}</Content>
      ) : (
        <Table variant="compact" aria-labelledby="vsp-overview-firing-title">
          <Thead>
            <Tr>
              <Th width={25}>{t('Alert')}</Th>
              <Th modifier="fitContent">{t('Severity')}</Th>
              <Th modifier="nowrap">{t('Active since')}</Th>
              <Th width={40}>{t('Description')}</Th>
              <Th width={15}>{t('Live finding')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {firing.map((a) => (
              <Tr key={a.name} data-testid="vsp-firing-alert" data-alert={a.name}>
                <Td dataLabel={t('Alert')}>
                  <a href={runbookUrl(a.name)} target="_blank" rel="noopener noreferrer">
                    {a.name}
                    <span className="pf-v6-screen-reader"> {t('(runbook, opens in a new tab)')}</span>
                  </a>
                  {a.instances.length > 1 && (
                    <div className="vsp-overview-muted">
                      {t('Instances: {{n}}', { n: a.instances.length })}
                    </div>
                  )}
                </Td>
                <Td dataLabel={t('Severity')}>{a.severity ?? '-'}</Td>
                <Td dataLabel={t('Active since')} modifier="nowrap">
                  <Timestamp timestamp={a.activeAt} />
                </Td>
                <Td dataLabel={t('Description')}>{summaryOf(a) ?? '-'}</Td>
                <Td dataLabel={t('Live finding')}>
                  {liveAlerts.has(a.name)
                    ? t('Yes, listed above')
                    : checkedAlerts.has(a.name)
                      ? t('None now: the API no longer shows the condition')
                      : t('Not computed from the API')}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
};
