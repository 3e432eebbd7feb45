import { Content, Flex, FlexItem, Label, LabelGroup } from '@patternfly/react-core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { storageProfileDetailsPath } from '../../../routes';
import { BreakableText } from '../../../components/BreakableText';
import type { ResourceTableColumn } from '../../../components/ResourceTable';
import { StatusIcon } from '../../../components/StatusIcon';
import { formatClaimPropertySet } from '../../../k8s/access-modes';
import { profileSortValues, type ProfileRow } from '../logic/profile-list-logic';
import '../../../components/plugin.css';

export type ProfileColumn = ResourceTableColumn<ProfileRow>;

/**
 * Hidden where the list is laid out as a table but narrower than 1450px (a 1280px window beside the console's
 * navigation): with PatternFly's cell spacing, every column does not fit there. Shown below 1200px, where each
 * row stacks its labelled cells, and from 1450px; the details page always shows the value.
 */
export const NARROW_TABLE_HIDDEN: ProfileColumn['visibility'] = ['hiddenOnXl', 'visibleOn2Xl'];

const Muted = ({ children }: { children: ReactNode }) => (
  <Content component="small" className="vsp-muted">
    {children}
  </Content>
);

/**
 * The list's columns, in order (stable across renders). To add a column (e.g. "values from admin vs CDI"),
 * add an entry here; give it a `sortValue` (from profile-list-logic's `profileSortValues`) to make it
 * sortable.
 */
export const useProfileColumns = (): ProfileColumn[] => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return useMemo(() => profileColumns(t), [t]);
};

const profileColumns = (t: TFunction): ProfileColumn[] => {
  const none = <Muted>{t('Not set')}</Muted>;
  /** The value in effect, and the admin-set value CDI does not know, if any (the same rule as the filter). */
  const specValueCell = (row: ProfileRow, field: 'cloneStrategy' | 'dataImportCronSourceFormat') => {
    const invalid = row.invalidSpecValues.find((v) => v.field === field);
    if (!invalid) return row[field] || none;
    return (
      <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
        {row[field] && row[field] !== invalid.value && <FlexItem>{row[field]}</FlexItem>}
        <FlexItem>
          <StatusIcon status="warning">
            <strong>{t('Invalid: "{{value}}"', { value: invalid.value })}</strong>
          </StatusIcon>
        </FlexItem>
      </Flex>
    );
  };
  return [
    {
      id: 'name',
      title: t('Name'),
      sortValue: profileSortValues.name,
      cell: (row) => (
        <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
          <FlexItem>
            <Link to={storageProfileDetailsPath(row.name)}>
              <BreakableText text={row.name} />
            </Link>
          </FlexItem>
          {/* Under the name rather than in a column of their own: the list must fit a 1280px window. */}
          {(row.isDefaultClass || row.isDefaultVirtClass) && (
            <FlexItem>
              <LabelGroup>
                {row.isDefaultVirtClass && (
                  <Label color="blue" isCompact>
                    {t('Default for virtualization')}
                  </Label>
                )}
                {row.isDefaultClass && <Label isCompact>{t('Default')}</Label>}
              </LabelGroup>
            </FlexItem>
          )}
          {row.storageClassUnknown && (
            <FlexItem>
              <Muted>{t('Default class: unknown')}</Muted>
            </FlexItem>
          )}
          {row.problems.includes('missing-storage-class') && (
            <FlexItem>
              <Muted>
                {t('StorageClass {{name}} not found; CDI removes this profile.', { name: row.name })}
              </Muted>
            </FlexItem>
          )}
        </Flex>
      ),
    },
    {
      id: 'provisioner',
      title: t('Provisioner'),
      sortValue: profileSortValues.provisioner,
      cell: (row) => (
        <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
          <FlexItem>{row.provisioner ? <BreakableText text={row.provisioner} /> : none}</FlexItem>
          {row.noProvisioner && (
            <FlexItem>
              <Muted>{t('Pre-created PersistentVolumes only')}</Muted>
            </FlexItem>
          )}
          {row.problems.includes('unsupported') && (
            <FlexItem>
              {/* Icon and text, not a label: a label never wraps, which would widen the column. */}
              <StatusIcon status="danger">{t('Not supported by CDI')}</StatusIcon>
            </FlexItem>
          )}
        </Flex>
      ),
    },
    {
      id: 'recognized',
      title: t('Recognized'),
      sortValue: profileSortValues.recognized,
      cell: ({ recognized }) => {
        if (!recognized) return <Muted>{t('Unknown')}</Muted>;
        if (recognized.status === 'True') {
          return (
            <StatusIcon status="success" className="vsp-nowrap">
              {t('Recognized')}
            </StatusIcon>
          );
        }
        return (
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
            <FlexItem>
              <StatusIcon status="warning">
                {recognized.status === 'False' ? t('Not recognized') : t('Unknown')}
              </StatusIcon>
            </FlexItem>
            {recognized.reason && (
              <FlexItem>
                <Muted>
                  <BreakableText text={recognized.reason} />
                </Muted>
              </FlexItem>
            )}
          </Flex>
        );
      },
    },
    {
      id: 'claimPropertySets',
      title: t('Access and volume modes'),
      sortValue: profileSortValues.claimPropertySets,
      cell: (row) =>
        row.problems.includes('incomplete') ? (
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
            <FlexItem>
              <StatusIcon status="warning" className="vsp-nowrap">
                <strong>{t('Incomplete')}</strong>
              </StatusIcon>
            </FlexItem>
            <FlexItem>
              <Muted>{t('DataVolumes that omit access modes will not be provisioned on this class.')}</Muted>
            </FlexItem>
          </Flex>
        ) : row.claimPropertySets.length === 0 ? (
          none
        ) : (
          // Preference order matters: CDI uses the first set unless the DataVolume asks otherwise. Numbered,
          // so a set that wraps ("RWO" / "Filesystem") still reads as one.
          <ol className="vsp-compact-numbered-list">
            {row.claimPropertySets.map((set, i) => (
              <li key={i}>{formatClaimPropertySet(set)}</li>
            ))}
          </ol>
        ),
    },
    {
      id: 'cloneStrategy',
      title: t('Clone strategy'),
      sortValue: profileSortValues.cloneStrategy,
      cell: (row) => specValueCell(row, 'cloneStrategy'),
    },
    {
      id: 'dataImportCronSourceFormat',
      title: t('Boot source format'),
      sortValue: profileSortValues.dataImportCronSourceFormat,
      cell: (row) => specValueCell(row, 'dataImportCronSourceFormat'),
    },
    {
      id: 'snapshotClass',
      title: t('Snapshot class'),
      sortValue: profileSortValues.snapshotClass,
      visibility: NARROW_TABLE_HIDDEN,
      cell: (row) =>
        row.snapshotClass ? (
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
            <FlexItem>
              <BreakableText text={row.snapshotClass} />
            </FlexItem>
            {row.snapshotClassFromDriverMatch && (
              <FlexItem>
                <Muted>{t('Matched by driver')}</Muted>
              </FlexItem>
            )}
          </Flex>
        ) : row.snapshotClassUnknown ? (
          <Muted>{t('Unknown')}</Muted>
        ) : (
          <Muted>{t('None')}</Muted>
        ),
    },
  ];
};
