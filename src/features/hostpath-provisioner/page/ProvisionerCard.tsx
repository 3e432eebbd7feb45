import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { CompactLabel, CompactLabelGroup, Muted } from '../../../components/plain-markup';
import { StatusIcon } from '../../../components/StatusIcon';
import type { ProvisionerHealth } from '../logic/hpp-status';
import type { HostPathProvisioner, NodeLike } from '../logic/hpp-types';
import { countMatchingNodes } from '../logic/pool-validation';
import { healthView } from './pool-texts';

export interface ProvisionerCardProps {
  cr: HostPathProvisioner;
  health: ProvisionerHealth;
  nodes?: NodeLike[];
  canEdit: boolean;
  canDelete: boolean;
  onEdit: () => void;
  onRemove: () => void;
}

/** The CR at a glance: health from its conditions, where it runs, and its actions. */
export const ProvisionerCard = ({
  cr,
  health,
  nodes,
  canEdit,
  canDelete,
  onEdit,
  onRemove,
}: ProvisionerCardProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const view = healthView(t, health.state);
  const selector = cr.spec?.workload?.nodeSelector ?? {};
  const matching = countMatchingNodes(selector, nodes);
  const versions = health.versions;
  return (
    <Card isCompact>
      <CardHeader
        actions={{
          actions: (
            <>
              {canEdit && (
                <Button variant="secondary" onClick={onEdit}>
                  {t('Edit hostpath provisioner')}
                </Button>
              )}
              {canDelete && (
                <Button variant="link" isDanger onClick={onRemove}>
                  {t('Remove hostpath provisioner')}
                </Button>
              )}
            </>
          ),
          hasNoOffset: true,
        }}
      >
        <CardTitle component="h2">{cr.metadata?.name}</CardTitle>
      </CardHeader>
      <CardBody>
        <DescriptionList isHorizontal isCompact columnModifier={{ default: '1Col', lg: '2Col' }}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Status')}</DescriptionListTerm>
            <DescriptionListDescription>
              <StatusIcon status={view.status}>{view.text}</StatusIcon>
              {health.state !== 'healthy' && (health.reason || health.message) && (
                <div>
                  <Muted>{[health.reason, health.message].filter(Boolean).join(': ')}</Muted>
                </div>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Version')}</DescriptionListTerm>
            <DescriptionListDescription>
              {versions.observed ?? versions.operator ?? <Muted>{t('Not reported yet')}</Muted>}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Node selector')}</DescriptionListTerm>
            <DescriptionListDescription>
              {Object.keys(selector).length === 0 ? (
                <Muted>{t('Every node')}</Muted>
              ) : (
                <CompactLabelGroup>
                  {Object.entries(selector).map(([k, v]) => (
                    <CompactLabel key={k}>{`${k}=${v}`}</CompactLabel>
                  ))}
                </CompactLabelGroup>
              )}
              <div>
                <Muted>
                  {matching === undefined
                    ? t('Matching nodes: unknown (nodes cannot be read)')
                    : t('{{count}} nodes match', { count: matching })}
                </Muted>
              </div>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Image pull policy')}</DescriptionListTerm>
            <DescriptionListDescription>
              {cr.spec?.imagePullPolicy ?? <Muted>{t('Not set (operator default)')}</Muted>}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </CardBody>
    </Card>
  );
};
