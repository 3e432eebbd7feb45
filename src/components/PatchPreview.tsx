import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { CodeBlock, CodeBlockCode, Content } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** The exact JSON patch a save sends, so the admin sees what changes before it happens. */
export const PatchPreview = ({ patch, id }: { patch: Patch[]; id: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (patch.length === 0) {
    return <Content component="p">{t('No changes yet: the patch is empty.')}</Content>;
  }
  return (
    // A focusable region, so keyboard users can scroll a long patch.
    <div role="region" aria-label={t('JSON patch that will be sent')} tabIndex={0}>
      <CodeBlock>
        <CodeBlockCode id={id}>{JSON.stringify(patch, null, 2)}</CodeBlockCode>
      </CodeBlock>
    </div>
  );
};
