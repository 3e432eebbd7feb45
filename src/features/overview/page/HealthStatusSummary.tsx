import { Flex, FlexItem, List, ListItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { StatusIcon } from '../../../components/StatusIcon';
import { FINDING_TEXT } from '../../../health/catalog';
import type { HealthReport, UncheckedRule } from '../../../health/types';

/** Why a check could not run, naming what could not be read. */
export const useUncheckedReason = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (rule: UncheckedRule): string => {
    const inputs = rule.inputs.join(', ');
    switch (rule.reason) {
      case 'forbidden':
        return t('you may not read {{inputs}}', { inputs });
      case 'error':
        return t('{{inputs}} could not be read', { inputs });
      case 'loading':
        return t('{{inputs}} still loading', { inputs });
    }
  };
};

/** The checks that could not run, each with its reason: they are never counted as passed. */
export const UncheckedList = ({ unchecked }: { unchecked: UncheckedRule[] }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const reason = useUncheckedReason();
  return (
    <List className="vsp-overview-unchecked" aria-label={t('Checks that could not run')}>
      {unchecked.map((u) => (
        <ListItem key={u.id} data-testid="vsp-unchecked">
          {t('{{check}}: not checked, {{reason}}', { check: t(FINDING_TEXT[u.id].title), reason: reason(u) })}
        </ListItem>
      ))}
    </List>
  );
};

/**
 * The counts at the top of the overview: findings by impact, checks passed, checks that could not run
 * (with the reason) and checks still loading.
 */
export const HealthStatusSummary = ({ report }: { report: HealthReport }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const count = (impact: string) => report.findings.filter((f) => f.impact === impact).length;
  const critical = count('critical');
  const warning = count('warning');
  const info = count('info');
  const notRun = report.unchecked.filter((u) => u.reason !== 'loading');
  const loading = report.unchecked.filter((u) => u.reason === 'loading');
  return (
    <section
      className="vsp-overview-summary"
      aria-label={t('Storage health summary')}
      data-testid="vsp-health-summary"
    >
      <Flex spaceItems={{ default: 'spaceItemsXl' }} className="vsp-overview-summary__counts">
        {critical > 0 && (
          <FlexItem>
            <StatusIcon status="danger" srText="">
              {t('Critical: {{n}}', { n: critical })}
            </StatusIcon>
          </FlexItem>
        )}
        {warning > 0 && (
          <FlexItem>
            <StatusIcon status="warning" srText="">
              {t('Warning: {{n}}', { n: warning })}
            </StatusIcon>
          </FlexItem>
        )}
        {info > 0 && (
          <FlexItem>
            <StatusIcon status="info" srText="">
              {t('Info: {{n}}', { n: info })}
            </StatusIcon>
          </FlexItem>
        )}
        <FlexItem>
          <StatusIcon status="success" srText="">
            {t('Checks passed: {{n}}', { n: report.passed.length })}
          </StatusIcon>
        </FlexItem>
        {notRun.length > 0 && (
          <FlexItem>
            <StatusIcon status="unknown" srText="">
              {t('Checks that could not run: {{n}}', { n: notRun.length })}
            </StatusIcon>
          </FlexItem>
        )}
        {loading.length > 0 && (
          <FlexItem>
            <StatusIcon status="in-progress" srText="">
              {t('Checks still loading: {{n}}', { n: loading.length })}
            </StatusIcon>
          </FlexItem>
        )}
      </Flex>
      {notRun.length > 0 && <UncheckedList unchecked={notRun} />}
    </section>
  );
};
