import { ResourceLink, Timestamp } from '@openshift-console/dynamic-plugin-sdk';
import { gvk, StorageClassModel, VolumeSnapshotClassModel } from '../../../k8s/models';
import {
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusIcon } from '../../../components/StatusIcon';
import '../../../components/plugin.css';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import {
  DEFAULT_CLASS_ANNOTATION,
  DEFAULT_SNAPSHOT_CLASS_ANNOTATION,
  DEFAULT_VIRT_CLASS_ANNOTATION,
  isAnnotatedTrue,
} from '../logic/profile-list-logic';
import { CLONE_STRATEGY_ANNOTATION, type ProfileHealth } from '../logic/profile-health';
import { ClaimPropertySetList } from '../shared/ClaimPropertySetList';
import { useProfileTexts } from '../shared/use-profile-texts';

const Muted = ({ children }: { children: ReactNode }) => <span className="vsp-muted">{children}</span>;

const Term = ({ term, children }: { term: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

export const StorageClassCard = ({
  storageClass,
  error,
}: {
  storageClass?: StorageClass;
  /** A read error other than 404: the class may exist, we just cannot see it. */
  error?: unknown;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const notSet = <Muted>{t('Not set')}</Muted>;
  return (
    <Card isFullHeight>
      <CardTitle component="h2">{t('StorageClass')}</CardTitle>
      <CardBody>
        {error ? (
          <ErrorAlert
            error={error}
            context="read"
            title={t('Could not read the StorageClass: its settings and default status are unknown')}
          />
        ) : !storageClass ? (
          <Muted>{t('The StorageClass of this profile was not found.')}</Muted>
        ) : (
          <DescriptionList isCompact isHorizontal>
            <Term term={t('Name')}>
              <ResourceLink
                groupVersionKind={gvk(StorageClassModel)}
                name={storageClass.metadata?.name}
                inline
              />
            </Term>
            <Term term={t('Provisioner')}>{storageClass.provisioner}</Term>
            <Term term={t('Parameters')}>
              {Object.keys(storageClass.parameters ?? {}).length === 0 ? (
                notSet
              ) : (
                <Content component="ul" isPlainList>
                  {Object.entries(storageClass.parameters ?? {}).map(([k, v]) => (
                    <Content component="li" key={k}>
                      <code>{k}</code>: <code>{v}</code>
                    </Content>
                  ))}
                </Content>
              )}
            </Term>
            <Term term={t('Reclaim policy')}>{storageClass.reclaimPolicy ?? t('Delete (default)')}</Term>
            <Term term={t('Volume binding mode')}>
              {storageClass.volumeBindingMode ?? t('Immediate (default)')}
            </Term>
            <Term term={t('Volume expansion')}>
              {storageClass.allowVolumeExpansion ? t('Allowed') : t('Not allowed')}
            </Term>
            <Term term={t('Default class')}>
              <LabelGroup>
                {isAnnotatedTrue(storageClass, DEFAULT_VIRT_CLASS_ANNOTATION) && (
                  <Label color="blue" isCompact>
                    {t('Default for virtualization')}
                  </Label>
                )}
                {isAnnotatedTrue(storageClass, DEFAULT_CLASS_ANNOTATION) && (
                  <Label isCompact>{t('Cluster default')}</Label>
                )}
              </LabelGroup>
              {!isAnnotatedTrue(storageClass, DEFAULT_VIRT_CLASS_ANNOTATION) &&
                !isAnnotatedTrue(storageClass, DEFAULT_CLASS_ANNOTATION) && <Muted>{t('No')}</Muted>}
            </Term>
            {storageClass.metadata?.annotations?.[CLONE_STRATEGY_ANNOTATION] && (
              <Term term={t('Clone strategy annotation')}>
                <code>{storageClass.metadata.annotations[CLONE_STRATEGY_ANNOTATION]}</code>
              </Term>
            )}
          </DescriptionList>
        )}
      </CardBody>
    </Card>
  );
};

export const RecognizedCard = ({ health }: { health: ProfileHealth }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const cond = health.row.recognized;
  const lookup = health.capabilities;
  return (
    <Card isFullHeight>
      <CardTitle component="h2">{t('Recognized by CDI')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact isHorizontal>
          <Term term={t('Status')}>
            {!cond ? (
              <Muted>{t('Unknown: CDI has not reported it yet')}</Muted>
            ) : cond.status === 'True' ? (
              <StatusIcon status="success">{t('Recognized')}</StatusIcon>
            ) : (
              <StatusIcon status="warning">
                {cond.status === 'False' ? t('Not recognized') : t('Unknown')}
              </StatusIcon>
            )}
          </Term>
          {cond?.reason && <Term term={t('Reason')}>{cond.reason}</Term>}
          {cond?.message && <Term term={t('Message')}>{cond.message}</Term>}
          {cond?.lastTransitionTime && (
            <Term term={t('Since')}>
              <Timestamp timestamp={cond.lastTransitionTime} />
            </Term>
          )}
          <Term term={t("CDI's built-in table")}>
            {lookup.kind === 'known'
              ? t('Knows this provisioner (entry {{key}})', { key: lookup.capabilities.key })
              : lookup.kind === 'unrecognized-parameters'
                ? t('Knows {{provisioner}}, but not with these StorageClass parameters', {
                    provisioner: lookup.key,
                  })
                : lookup.kind === 'unsupported'
                  ? t('Lists this provisioner as not working with CDI')
                  : t('Has no entry for this provisioner')}
          </Term>
          {lookup.kind === 'known' && (
            <Term term={t('Advised values')}>
              <ClaimPropertySetList sets={lookup.capabilities.claimPropertySets} empty={null} />
              <div>
                {t('Clone strategy: {{value}}', {
                  value: lookup.capabilities.cloneStrategy ?? t('none advised'),
                })}
              </div>
              <div>
                {t('Boot source format: {{value}}', {
                  value: lookup.capabilities.dataImportCronSourceFormat ?? t('none advised'),
                })}
              </div>
              {lookup.capabilities.minimumSupportedPvcSize && (
                <div>
                  {t('Minimum PVC size: {{size}}', { size: lookup.capabilities.minimumSupportedPvcSize })}
                </div>
              )}
            </Term>
          )}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};

/** Admin-set (spec) against CDI-applied (status) values, side by side. */
export const SpecVsStatusTable = ({
  profile,
  health,
}: {
  profile: StorageProfile;
  health: ProfileHealth;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { cloneStrategies, sourceFormats, cloneStrategySources } = useProfileTexts();
  const spec = profile.spec ?? {};
  const status = profile.status ?? {};
  const notSet = <Muted>{t('Not set')}</Muted>;
  const word = (texts: Record<string, { label: string }>, value?: string) =>
    value ? (texts[value]?.label ?? value) : notSet;
  const rows: {
    id: string;
    setting: string;
    admin: ReactNode;
    cdi: ReactNode;
    adminSet: boolean;
    note?: ReactNode;
  }[] = [
    {
      id: 'claimPropertySets',
      setting: t('Access and volume modes (in order of preference)'),
      admin: <ClaimPropertySetList sets={spec.claimPropertySets} empty={notSet} />,
      cdi: <ClaimPropertySetList sets={status.claimPropertySets} empty={<Muted>{t('None')}</Muted>} />,
      adminSet: (spec.claimPropertySets?.length ?? 0) > 0,
    },
    {
      id: 'cloneStrategy',
      setting: t('Clone strategy'),
      admin: word(cloneStrategies, spec.cloneStrategy),
      cdi: word(cloneStrategies, status.cloneStrategy),
      adminSet: !!spec.cloneStrategy,
      note: (
        <>
          {t('In effect: {{strategy}}, from: {{source}}', {
            strategy: health.effectiveCloneStrategy,
            source: cloneStrategySources[health.cloneStrategySource],
          })}
        </>
      ),
    },
    {
      id: 'dataImportCronSourceFormat',
      setting: t('Boot source format'),
      admin: word(sourceFormats, spec.dataImportCronSourceFormat),
      cdi: word(sourceFormats, status.dataImportCronSourceFormat),
      adminSet: !!spec.dataImportCronSourceFormat,
    },
    {
      id: 'snapshotClass',
      setting: t('VolumeSnapshotClass'),
      admin: spec.snapshotClass || notSet,
      cdi: status.snapshotClass || <Muted>{t('None')}</Muted>,
      adminSet: !!spec.snapshotClass,
    },
  ];
  return (
    <Table
      role="table"
      aria-label={t('Values set by an administrator and values CDI applies')}
      variant="compact"
    >
      <Thead>
        <Tr>
          <Th width={20}>{t('Setting')}</Th>
          <Th width={30}>{t('Set by an administrator (spec)')}</Th>
          <Th width={30}>{t('Applied by CDI (status)')}</Th>
          <Th width={20}>{t('Source')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Th dataLabel={t('Setting')} modifier="wrap" component="th" scope="row">
              {r.setting}
            </Th>
            <Td dataLabel={t('Set by an administrator (spec)')}>{r.admin}</Td>
            <Td dataLabel={t('Applied by CDI (status)')}>
              {r.cdi}
              {r.note && (
                <div>
                  <Muted>{r.note}</Muted>
                </div>
              )}
            </Td>
            <Td dataLabel={t('Source')}>
              {r.adminSet ? (
                <Label color="purple" isCompact>
                  {t('Administrator')}
                </Label>
              ) : (
                <Label isCompact>{t('CDI')}</Label>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export const RelatedSnapshotClasses = ({
  provisioner,
  snapshotClasses,
  unknown,
}: {
  provisioner?: string;
  snapshotClasses: VolumeSnapshotClass[];
  /** VolumeSnapshotClasses could not be read. */
  unknown?: boolean;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (unknown) {
    return (
      <Content component="p">
        {t(
          'VolumeSnapshotClasses could not be read, so whether snapshot clones and snapshot boot sources work on this storage class cannot be determined.',
        )}
      </Content>
    );
  }
  if (snapshotClasses.length === 0) {
    return (
      <Content component="p">
        {t(
          'No VolumeSnapshotClass has driver {{provisioner}}. Snapshot clones and snapshot boot sources will not work on this storage class.',
          { provisioner: provisioner ?? '' },
        )}
      </Content>
    );
  }
  return (
    <Table role="table" aria-label={t('VolumeSnapshotClasses for this provisioner')} variant="compact">
      <Thead>
        <Tr>
          <Th>{t('Name')}</Th>
          <Th>{t('Driver')}</Th>
          <Th>{t('Deletion policy')}</Th>
          <Th>{t('Default')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {snapshotClasses.map((vsc) => (
          <Tr key={vsc.metadata?.name}>
            <Td dataLabel={t('Name')}>
              <ResourceLink
                groupVersionKind={gvk(VolumeSnapshotClassModel)}
                name={vsc.metadata?.name}
                inline
              />
            </Td>
            <Td dataLabel={t('Driver')}>{vsc.driver}</Td>
            <Td dataLabel={t('Deletion policy')}>{vsc.deletionPolicy}</Td>
            <Td dataLabel={t('Default')}>
              {isAnnotatedTrue(vsc, DEFAULT_SNAPSHOT_CLASS_ANNOTATION) ? t('Yes') : t('No')}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** Annotations CDI manages on the profile (api-facts 2); the section is left out when none is set. */
export const CDI_PROFILE_ANNOTATIONS = [
  'cdi.kubevirt.io/minimumSupportedPvcSize',
  'cdi.kubevirt.io/useReadWriteOnceForDataImportCron',
  'cdi.kubevirt.io/snapshotClassForDataImportCron',
] as const;

export const CdiAnnotations = ({ profile }: { profile: StorageProfile }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const explanations: Record<(typeof CDI_PROFILE_ANNOTATIONS)[number], string> = {
    'cdi.kubevirt.io/minimumSupportedPvcSize': t(
      'DataVolumes and PVCs created from this profile are enlarged to at least this size. CDI adds it only when absent, so an administrator may change it.',
    ),
    'cdi.kubevirt.io/useReadWriteOnceForDataImportCron': t(
      'Boot sources imported by DataImportCrons use ReadWriteOnce on this storage.',
    ),
    'cdi.kubevirt.io/snapshotClassForDataImportCron': t(
      'The VolumeSnapshotClass used for boot source snapshots of DataImportCrons.',
    ),
  };
  const annotations = profile.metadata?.annotations ?? {};
  const present = CDI_PROFILE_ANNOTATIONS.filter((key) => annotations[key] !== undefined);
  if (present.length === 0) return null;
  return (
    <Card>
      <CardTitle component="h2">{t('Annotations CDI manages')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact>
          {present.map((key) => (
            <Term key={key} term={key}>
              <div>
                <code>{annotations[key] || t('(empty)')}</code>
              </div>
              <Muted>{explanations[key]}</Muted>
            </Term>
          ))}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};
