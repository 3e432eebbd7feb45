import { ClipboardCopyButton, CodeBlock, CodeBlockAction, CodeBlockCode } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface YamlBlockProps {
  yaml: string;
  /** Unique on the page. */
  id: string;
  /** What the YAML is, for screen readers (the region's name) and the copy button. */
  label: string;
}

/** YAML in a focusable, scrollable region with a copy button (e.g. to keep a saved object outside the browser). */
export const YamlBlock = ({ yaml, id, label }: YamlBlockProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(yaml).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div role="region" aria-label={label} tabIndex={0}>
      <CodeBlock
        actions={
          <CodeBlockAction>
            <ClipboardCopyButton
              id={`${id}-copy`}
              aria-label={t('Copy {{what}}', { what: label })}
              onClick={copy}
              exitDelay={copied ? 1500 : 600}
              variant="plain"
              onTooltipHidden={() => setCopied(false)}
            >
              {copied ? t('Copied') : t('Copy to clipboard')}
            </ClipboardCopyButton>
          </CodeBlockAction>
        }
      >
        <CodeBlockCode id={`${id}-code`}>{yaml}</CodeBlockCode>
      </CodeBlock>
    </div>
  );
};
