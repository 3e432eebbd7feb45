import { Card, CardBody, Content, List, ListItem, Stack, Switch } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentWrite } from '../../../k8s/use-intent-write';
import type { HyperConverged } from '../../../k8s/types';
import { commonImportEnabled, enableChange } from '../logic/template-edits';
import { HcoChangeModal } from './HcoChangeModal';

/**
 * The one switch for every system-defined source: `enableCommonBootImageImport` (`spec.` in v1beta1,
 * `spec.workloadSources.` in v1), never the deprecated gate.
 */
export const AutomaticUpdates = ({
  hco,
  canWrite,
  write,
  onDone,
}: {
  hco: HyperConverged;
  canWrite: boolean;
  write: IntentWrite<HyperConverged>;
  onDone: (action: string, reappliedOnNewer: boolean) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const enabled = commonImportEnabled(hco);
  const [confirming, setConfirming] = useState(false);
  const action = enabled ? 'common-off' : 'common-on';
  return (
    <Card isCompact>
      <CardBody>
        <Switch
          id="vsp-common-boot-image-import"
          label={t('Automatic updates of system-defined boot sources')}
          isChecked={enabled}
          isDisabled={!canWrite || write.isPending}
          onChange={() => setConfirming(true)}
        />
        <Content component="small" className="vsp-muted">
          {enabled
            ? t(
                'On: OpenShift Virtualization keeps its built-in golden images up to date. Custom boot sources are always updated.',
              )
            : t(
                'Off: no system-defined boot source is imported or updated. Custom boot sources are still updated.',
              )}
        </Content>
      </CardBody>
      {confirming && (
        <HcoChangeModal
          title={
            enabled
              ? t('Turn off automatic updates of system-defined boot sources?')
              : t('Turn on automatic updates of system-defined boot sources?')
          }
          confirmLabel={enabled ? t('Turn off') : t('Turn on')}
          isDanger={enabled}
          action={action}
          intent={(current) => [enableChange(current, !enabled)]}
          write={write}
          onDone={(a, reapplied) => {
            setConfirming(false);
            onDone(a, reapplied);
          }}
          onCancel={() => setConfirming(false)}
        >
          {enabled ? (
            <Stack hasGutter>
              <Content component="p">{t('When you turn them off:')}</Content>
              <List>
                <ListItem>
                  {t(
                    'SSP deletes the DataImportCrons of the system-defined boot sources: no more update checks or imports.',
                  )}
                </ListItem>
                <ListItem>
                  {t(
                    'Their DataSources stop pointing at the imported images, so new VMs cannot be created from them.',
                  )}
                </ListItem>
                <ListItem>{t('Custom boot sources are not affected.')}</ListItem>
                <ListItem>
                  {t(
                    'Images already imported stay until they are deleted (with retention policy None, CDI deletes them with their DataImportCron).',
                  )}
                </ListItem>
              </List>
            </Stack>
          ) : (
            <Content component="p">
              {t(
                'SSP creates the DataImportCrons of every enabled system-defined boot source again; CDI imports the images on their storage class and points the DataSources at them.',
              )}
            </Content>
          )}
        </HcoChangeModal>
      )}
    </Card>
  );
};
