import { Content, Flex, FlexItem, Label, LabelGroup } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BreakableText } from '../../../components/BreakableText';
import { formatClaimPropertySet } from '../../../k8s/access-modes';
import type { ProfileRow, ProfileSortKey } from '../logic/profile-list-logic';

export interface ProfileColumn {
  id: string;
  title: string;
  /** Sortable when set. */
  sortKey?: ProfileSortKey;
  cell: (row: ProfileRow) => ReactNode;
  width?: 10 | 15 | 20 | 25 | 30;
}

export const profileDetailsPath = (name: string) =>
  `/virtualization-storage/storage-profiles/${encodeURIComponent(name)}`;

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const Muted = ({ children }: { children: ReactNode }) => (
  <Content component="small" style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>
    {children}
  </Content>
);

/**
 * The list's columns, in order. To add a column (e.g. "values from admin vs CDI"), add an entry here;
 * give it a `sortKey` (and a value in profile-list-logic's `sortValue`) to make it sortable.
 */
export const useProfileColumns = (): ProfileColumn[] => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const none = <Muted>{t('Not set')}</Muted>;
  /** The value in effect, and the admin-set value CDI does not know, if any (the same rule as the filter). */
  const specValueCell = (row: ProfileRow, field: 'cloneStrategy' | 'dataImportCronSourceFormat') => {
    const invalid = row.invalidSpecValues.find((v) => v.field === field);
    if (!invalid) return row[field] || none;
    return (
      <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
        {row[field] && row[field] !== invalid.value && <FlexItem>{row[field]}</FlexItem>}
        <FlexItem>
          <ExclamationTriangleIcon color="var(--pf-t--global--icon--color--status--warning--default)" />{' '}
          <strong>{t('Invalid: "{{value}}"', { value: invalid.value })}</strong>
        </FlexItem>
      </Flex>
    );
  };
  return [
    {
      id: 'name',
      title: t('Name'),
      sortKey: 'name',
      cell: (row) => (
        <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
          <FlexItem>
            <Link to={profileDetailsPath(row.name)}>
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
      sortKey: 'provisioner',
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
              <ExclamationCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" />{' '}
              {t('Not supported by CDI')}
            </FlexItem>
          )}
        </Flex>
      ),
    },
    {
      id: 'recognized',
      title: t('Recognized'),
      sortKey: 'recognized',
      cell: ({ recognized }) => {
        if (!recognized) return <Muted>{t('Unknown')}</Muted>;
        if (recognized.status === 'True') {
          return (
            <span style={NO_WRAP}>
              <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" />{' '}
              {t('Recognized')}
            </span>
          );
        }
        return (
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
            <FlexItem>
              <ExclamationTriangleIcon color="var(--pf-t--global--icon--color--status--warning--default)" />{' '}
              {recognized.status === 'False' ? t('Not recognized') : t('Unknown')}
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
      sortKey: 'claimPropertySets',
      cell: (row) =>
        row.problems.includes('incomplete') ? (
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
            <FlexItem style={NO_WRAP}>
              <ExclamationTriangleIcon color="var(--pf-t--global--icon--color--status--warning--default)" />{' '}
              <strong>{t('Incomplete')}</strong>
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
          <ol style={{ margin: 0, paddingInlineStart: '1.25em' }}>
            {row.claimPropertySets.map((set, i) => (
              <li key={i}>{formatClaimPropertySet(set)}</li>
            ))}
          </ol>
        ),
    },
    {
      id: 'cloneStrategy',
      title: t('Clone strategy'),
      sortKey: 'cloneStrategy',
      cell: (row) => specValueCell(row, 'cloneStrategy'),
    },
    {
      id: 'dataImportCronSourceFormat',
      title: t('Boot source format'),
      sortKey: 'dataImportCronSourceFormat',
      cell: (row) => specValueCell(row, 'dataImportCronSourceFormat'),
    },
    {
      id: 'snapshotClass',
      title: t('Snapshot class'),
      sortKey: 'snapshotClass',
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
