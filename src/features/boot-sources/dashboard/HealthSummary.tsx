import { Flex, FlexItem } from '@patternfly/react-core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusIcon } from '../../../components/StatusIcon';
import { countHealth, type BootSourceRow } from '../logic/boot-source-rows';

/** The counts an admin checks first: how many sources are fine, busy, behind, broken or off. */
export const HealthSummary = ({ rows }: { rows: readonly BootSourceRow[] }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const counts = useMemo(() => countHealth(rows), [rows]);
  return (
    <Flex component="ul" aria-label={t('Boot source summary')} spaceItems={{ default: 'spaceItemsLg' }}>
      <FlexItem component="li">
        <StatusIcon status="success">{t('{{count}} up to date', { count: counts.upToDate })}</StatusIcon>
      </FlexItem>
      <FlexItem component="li">
        <StatusIcon status="in-progress">{t('{{count}} importing', { count: counts.importing })}</StatusIcon>
      </FlexItem>
      <FlexItem component="li">
        <StatusIcon status={counts.outdated ? 'warning' : 'unknown'}>
          {t('{{count}} outdated', { count: counts.outdated })}
        </StatusIcon>
      </FlexItem>
      <FlexItem component="li">
        <StatusIcon status={counts.failing ? 'danger' : 'unknown'}>
          {t('{{count}} failing', { count: counts.failing })}
        </StatusIcon>
      </FlexItem>
      <FlexItem component="li">
        <StatusIcon status="unknown">{t('{{count}} disabled', { count: counts.disabled })}</StatusIcon>
      </FlexItem>
    </Flex>
  );
};
