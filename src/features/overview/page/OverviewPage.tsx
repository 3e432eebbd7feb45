import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../../../components/PageShell';
import { withQueryClient } from '../../../k8s/query-client';
import { useStorageHealth } from '../../../health/use-storage-health';
import { useStorageAlerts } from '../alerts/use-storage-alerts';
import { OverviewView } from './OverviewView';

/**
 * The section's landing page: is VM storage healthy, and what to fix first. The findings are computed
 * live from the API (src/health); where the console's Prometheus answers, each shows whether its alert
 * fires and since when.
 */
const OverviewPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { loading, ...report } = useStorageHealth('overview');
  const findingAlerts = useMemo(() => report.findings.map((f) => f.alert), [report.findings]);
  const alerts = useStorageAlerts(findingAlerts);
  return (
    <PageShell
      title={t('Virtualization storage overview')}
      description={t(
        'Problems with VM storage, most severe first, each with the page that fixes it. Computed live from the cluster’s API: the same conditions CDI’s and HCO’s alerts report in Prometheus minutes later.',
      )}
    >
      <OverviewView report={report} loading={loading} alerts={alerts} />
    </PageShell>
  );
};

export default withQueryClient(OverviewPage);
