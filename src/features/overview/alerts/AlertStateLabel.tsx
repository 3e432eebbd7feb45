import { Timestamp } from '@openshift-console/dynamic-plugin-sdk';
import { Label } from '@patternfly/react-core';
import { BellIcon } from '@patternfly/react-icons';
import { useTranslation } from 'react-i18next';
import type { AlertStatus } from './firing-alerts';

/**
 * Whether a finding's alert is active in Prometheus: "Firing" or "Pending" (waiting for the rule's `for`)
 * with since when (the console's alert pages say "Active since"), or "Not firing" when Prometheus was
 * read and the alert is quiet (CDI's alerts fire minutes after the condition starts).
 */
export const AlertStateLabel = ({ alert, status }: { alert: string; status?: AlertStatus }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (!status) {
    return (
      <Label isCompact color="grey" data-testid="vsp-alert-state" data-state="inactive">
        {t('{{alert}} not firing', { alert })}
      </Label>
    );
  }
  return (
    <span className="vsp-overview-alert-state">
      <Label
        isCompact
        color={status.state === 'firing' ? 'red' : 'orange'}
        icon={<BellIcon />}
        data-testid="vsp-alert-state"
        data-state={status.state}
      >
        {status.state === 'firing' ? t('{{alert}} firing', { alert }) : t('{{alert}} pending', { alert })}
      </Label>
      {status.activeAt && (
        <span className="vsp-overview-alert-state__since">
          {t('Active since')} <Timestamp timestamp={status.activeAt} simple />
        </span>
      )}
    </span>
  );
};
