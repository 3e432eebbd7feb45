import { Alert, Flex, FlexItem, List, ListItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OVERVIEW_PATH } from '../routes';
import { FINDING_TEXT } from './catalog';
import { FixLinkButton } from './FixLinkButton';
import type { Finding, HealthPage, Impact } from './types';
import { useStorageHealth } from './use-storage-health';

const ALERT_VARIANT: Record<Impact, 'danger' | 'warning' | 'info'> = {
  critical: 'danger',
  warning: 'warning',
  info: 'info',
};

/** The first fix of the most important finding: the finding's own, else its first object's. */
const topFix = (findings: Finding[]) => {
  for (const f of findings) {
    const fix = f.fix ?? f.objects.find((o) => o.fix)?.fix;
    if (fix) return { fix, target: f.fix ? undefined : f.objects.find((o) => o.fix)?.name };
  }
  return undefined;
};

/**
 * A compact card for a page's header: the storage problems that concern this page (findings whose `pages`
 * include it), most severe first, with a link to the overview and the top fix. Renders nothing while the
 * findings load and when there are none: a page header is no place for "all is well".
 */
export const HealthSummary = ({ page }: { page: HealthPage }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { findings } = useStorageHealth(page);
  if (findings.length === 0) return null;
  const worst = findings[0].impact;
  const top = topFix(findings);
  return (
    <Alert
      isInline
      variant={ALERT_VARIANT[worst]}
      className="vsp-health-summary"
      data-testid="vsp-health-summary-card"
      title={
        findings.length === 1
          ? t('A storage problem concerns this page')
          : t('{{n}} storage problems concern this page', { n: findings.length })
      }
    >
      <List className="vsp-health-summary__titles">
        {findings.map((f) => (
          <ListItem key={f.id}>{t(FINDING_TEXT[f.id].title)}</ListItem>
        ))}
      </List>
      <Flex spaceItems={{ default: 'spaceItemsLg' }}>
        <FlexItem>
          <Link to={OVERVIEW_PATH}>{t('View overview')}</Link>
        </FlexItem>
        {top && (
          <FlexItem>
            <FixLinkButton fix={top.fix} target={top.target} />
          </FlexItem>
        )}
      </Flex>
    </Alert>
  );
};
