import { CodeBlock, CodeBlockCode, Content } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { IntentWrite } from '../../../k8s/use-intent-write';
import type { HyperConverged } from '../../../k8s/types';
import type { BootSourceRow } from '../logic/boot-source-rows';
import { disableTemplate, enableTemplate, removeTemplate, templateListIntent } from '../logic/template-edits';
import { HcoChangeModal } from './HcoChangeModal';

export type SourceChange = 'disable' | 'enable' | 'remove' | 'remove-customisation';

/** Confirms turning one source off or on, or removing a custom source or a customisation. */
export const SourceChangeModal = ({
  change,
  row,
  write,
  onDone,
  onCancel,
}: {
  change: SourceChange;
  row: BootSourceRow;
  write: IntentWrite<HyperConverged>;
  onDone: (action: string, reappliedOnNewer: boolean) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const name = row.name;
  const common = { action: `${change}:${name}`, write, onDone, onCancel };
  const definition = row.specEntry && (
    <>
      <Content component="p">{t('Its definition, in case you want to add it again later:')}</Content>
      <CodeBlock>
        <CodeBlockCode>{JSON.stringify(row.specEntry, null, 2)}</CodeBlockCode>
      </CodeBlock>
    </>
  );
  switch (change) {
    case 'disable':
      return (
        <HcoChangeModal
          {...common}
          title={t('Disable boot source {{name}}?', { name })}
          confirmLabel={t('Disable')}
          isDanger
          intent={templateListIntent(disableTemplate(name))}
        >
          <Content component="p">
            {row.kind === 'custom'
              ? t(
                  'The source stays in the HyperConverged with the annotation dataimportcrontemplate.kubevirt.io/enable: "false", so its definition is kept. SSP deletes its DataImportCron: no more imports or update checks.',
                )
              : t(
                  'An entry with only its name and the annotation dataimportcrontemplate.kubevirt.io/enable: "false" is added to the HyperConverged. SSP deletes its DataImportCron: no more imports or update checks.',
                )}
          </Content>
          <Content component="p">
            {row.retentionPolicy === 'None'
              ? t(
                  'Its retention policy is None: CDI deletes the imported images with the DataImportCron, and VMs can no longer be created from the {{dataSource}} DataSource until it is enabled again.',
                  { dataSource: row.dataSourceName ?? name },
                )
              : t(
                  'Its retention policy keeps the imported images and the DataSource; they are no longer updated.',
                )}
          </Content>
        </HcoChangeModal>
      );
    case 'enable':
      return (
        <HcoChangeModal
          {...common}
          title={t('Enable boot source {{name}}?', { name })}
          confirmLabel={t('Enable')}
          intent={templateListIntent(enableTemplate(name))}
        >
          <Content component="p">
            {row.kind === 'system'
              ? t('The entry that disables it is removed; HCO deploys the system-defined definition again.')
              : t('The enable annotation is removed from its entry; SSP creates its DataImportCron again.')}
          </Content>
          <Content component="p">
            {t('CDI checks the source at once and imports it if no current import exists.')}
          </Content>
        </HcoChangeModal>
      );
    case 'remove-customisation':
      return (
        <HcoChangeModal
          {...common}
          title={t('Remove the customisation of {{name}}?', { name })}
          confirmLabel={t('Remove customisation')}
          isDanger
          intent={templateListIntent(removeTemplate(name))}
        >
          <Content component="p">
            {t(
              'Its entry is removed from the HyperConverged; HCO deploys the system-defined definition again, with its own storage settings and schedule. CDI re-imports the image when the storage class changes.',
            )}
          </Content>
          {definition}
        </HcoChangeModal>
      );
    case 'remove':
      return (
        <HcoChangeModal
          {...common}
          title={t('Remove custom boot source {{name}}?', { name })}
          confirmLabel={t('Remove')}
          isDanger
          intent={templateListIntent(removeTemplate(name))}
        >
          <Content component="p">
            {t(
              'Its entry is removed from the HyperConverged and SSP deletes its DataImportCron. Disabling keeps the definition instead.',
            )}
          </Content>
          {definition}
        </HcoChangeModal>
      );
  }
};
