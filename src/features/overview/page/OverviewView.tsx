import {
  Content,
  EmptyState,
  EmptyStateBody,
  Skeleton,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { CheckCircleIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FINDING_TEXT, IMPACT_ORDER, RULES } from '../../../health/catalog';
import type { HealthReport } from '../../../health/types';
import { FiringAlertsSection, PrometheusUnavailableAlert } from '../alerts/FiringAlertsSection';
import type { StorageAlerts } from '../alerts/use-storage-alerts';
import { FindingCard } from './FindingCard';
import { HealthStatusSummary } from './HealthStatusSummary';

const CHECKED_ALERTS: ReadonlySet<string> = new Set(Object.values(RULES).map((r) => r.alert));

const LoadingFindings = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <div className="vsp-overview-loading" aria-busy="true" data-testid="vsp-overview-loading">
      <Skeleton width="40%" screenreaderText={t('Loading storage health')} />
      <Skeleton height="6rem" />
      <Skeleton height="6rem" />
    </div>
  );
};

/** No findings: say so only for the checks that ran, and list them. */
const NoProblems = ({ report }: { report: HealthReport }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const partial = report.unchecked.length > 0;
  return (
    <EmptyState
      headingLevel="h3"
      icon={CheckCircleIcon}
      status="success"
      titleText={partial ? t('No problems found in the checks that ran') : t('No problems found')}
      data-testid="vsp-no-problems"
    >
      <EmptyStateBody>
        <Content component="p">
          {t('The cluster was checked for these problems, and none was found:')}
        </Content>
        <ul className="vsp-overview-passed" data-testid="vsp-passed-checks">
          {report.passed.map((id) => (
            <li key={id}>{t(FINDING_TEXT[id].title)}</li>
          ))}
        </ul>
      </EmptyStateBody>
    </EmptyState>
  );
};

export interface OverviewViewProps {
  report: HealthReport;
  loading: boolean;
  alerts: StorageAlerts;
}

/** The overview's body: the summary, the findings by impact, and the alerts firing in Prometheus. */
export const OverviewView = ({ report, loading, alerts }: OverviewViewProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const liveAlerts = useMemo(() => new Set(report.findings.map((f) => f.alert)), [report.findings]);
  // Most severe first (computeHealth sorts so already; a stable sort keeps its rule order within an impact).
  const findings = useMemo(
    () =>
      [...report.findings].sort((a, b) => IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact)),
    [report.findings],
  );
  const prometheusRead = alerts.loaded && !alerts.unavailable;
  const settled = !loading && !report.unchecked.some((u) => u.reason === 'loading');
  return (
    <Stack hasGutter>
      {(!loading || report.findings.length > 0) && (
        <StackItem>
          <HealthStatusSummary report={report} />
        </StackItem>
      )}
      {alerts.unavailable && (
        <StackItem>
          <PrometheusUnavailableAlert unavailable={alerts.unavailable} />
        </StackItem>
      )}
      <StackItem>
        <section aria-labelledby="vsp-overview-findings-title" data-testid="vsp-findings">
          <Title headingLevel="h2" id="vsp-overview-findings-title" className="vsp-overview-section-title">
            {t('Findings')}
          </Title>
          {report.findings.length > 0 ? (
            <Stack hasGutter component="div">
              {findings.map((f) => (
                <StackItem key={f.id}>
                  <FindingCard
                    finding={f}
                    alertStatus={alerts.statuses.get(f.alert)}
                    prometheusRead={prometheusRead}
                  />
                </StackItem>
              ))}
            </Stack>
          ) : settled ? (
            <NoProblems report={report} />
          ) : (
            <LoadingFindings />
          )}
        </section>
      </StackItem>
      {prometheusRead && (
        <StackItem>
          <FiringAlertsSection
            statuses={alerts.statuses}
            liveAlerts={liveAlerts}
            checkedAlerts={CHECKED_ALERTS}
          />
        </StackItem>
      )}
    </Stack>
  );
};
