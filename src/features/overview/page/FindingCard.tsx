import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Flex,
  FlexItem,
  List,
  ListItem,
  Title,
} from '@patternfly/react-core';
import { ExternalLinkAltIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINDING_TEXT } from '../../../health/catalog';
import { FixLinkButton } from '../../../health/FixLinkButton';
import { ImpactIcon } from '../../../health/ImpactIcon';
import type { Finding, FindingObject } from '../../../health/types';
import { AlertStateLabel } from '../alerts/AlertStateLabel';
import type { AlertStatus } from '../alerts/firing-alerts';

/** Objects shown before "and N more". */
export const OBJECTS_SHOWN = 5;

const ObjectItem = ({ object }: { object: FindingObject }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <ListItem className="vsp-overview-object" data-testid="vsp-finding-object">
      <span className="vsp-overview-object__name">{object.name}</span>
      {object.namespace && (
        <span className="vsp-overview-object__namespace">
          {' '}
          {t('in namespace {{nsName}}', { nsName: object.namespace })}
        </span>
      )}
      {object.detail && (
        <span className="vsp-overview-object__detail">
          : {object.detailTranslatable ? t(object.detail, object.detailParams ?? {}) : object.detail}
        </span>
      )}
      {object.fix && (
        <>
          {' '}
          <FixLinkButton fix={object.fix} target={object.name} />
        </>
      )}
    </ListItem>
  );
};

/** The objects of a finding: the first few, then "and N more" that shows the rest. */
const FindingObjects = ({ objects }: { objects: FindingObject[] }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [expanded, setExpanded] = useState(false);
  if (objects.length === 0) return null;
  const shown = expanded ? objects : objects.slice(0, OBJECTS_SHOWN);
  const hidden = objects.length - shown.length;
  return (
    <>
      <List className="vsp-overview-objects">
        {shown.map((o) => (
          <ObjectItem key={`${o.kind}/${o.namespace ?? ''}/${o.name}`} object={o} />
        ))}
      </List>
      {hidden > 0 && (
        <Button variant="link" isInline onClick={() => setExpanded(true)}>
          {t('and {{count}} more', { count: hidden })}
        </Button>
      )}
      {expanded && objects.length > OBJECTS_SHOWN && (
        <Button variant="link" isInline onClick={() => setExpanded(false)}>
          {t('Show fewer')}
        </Button>
      )}
    </>
  );
};

/** The upstream runbook of the alert, in a new tab. */
export const RunbookLink = ({ url, alert }: { url: string; alert: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Button
      variant="link"
      isInline
      component="a"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      icon={<ExternalLinkAltIcon />}
      iconPosition="end"
    >
      {t('Runbook for {{alert}}', { alert })}
      <span className="pf-v6-screen-reader"> {t('(opens in a new tab)')}</span>
    </Button>
  );
};

export interface FindingCardProps {
  finding: Finding;
  /** The alert's state in Prometheus; `prometheusRead` false: Prometheus is not readable, say nothing. */
  alertStatus?: AlertStatus;
  prometheusRead: boolean;
}

/** One finding: impact, title, why it matters, the objects, the fix and the upstream runbook. */
export const FindingCard = ({ finding, alertStatus, prometheusRead }: FindingCardProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const text = FINDING_TEXT[finding.id];
  const titleId = `vsp-finding-${finding.id}-title`;
  return (
    <Card
      isCompact
      id={`vsp-finding-${finding.id}`}
      component="article"
      aria-labelledby={titleId}
      className={`vsp-overview-finding vsp-overview-finding--${finding.impact}`}
      data-testid="vsp-finding"
      data-finding={finding.id}
      data-impact={finding.impact}
    >
      <CardHeader>
        <CardTitle>
          <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>
              <ImpactIcon impact={finding.impact} />
            </FlexItem>
            <FlexItem>
              <Title headingLevel="h3" size="md" id={titleId}>
                {t(text.title)}
              </Title>
            </FlexItem>
            {prometheusRead && (
              <FlexItem>
                <AlertStateLabel alert={finding.alert} status={alertStatus} />
              </FlexItem>
            )}
          </Flex>
        </CardTitle>
      </CardHeader>
      <CardBody>
        <Content component="p">{t(text.explanation)}</Content>
        <FindingObjects objects={finding.objects} />
      </CardBody>
      <CardBody className="vsp-overview-finding__actions">
        <Flex spaceItems={{ default: 'spaceItemsLg' }}>
          {finding.fix && (
            <FlexItem>
              <FixLinkButton fix={finding.fix} />
            </FlexItem>
          )}
          {finding.runbookUrl && (
            <FlexItem>
              <RunbookLink url={finding.runbookUrl} alert={finding.alert} />
            </FlexItem>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
};
