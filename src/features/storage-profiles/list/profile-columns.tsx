import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { storageProfileDetailsPath } from '../../../routes';
import { BreakableText } from '../../../components/BreakableText';
import { CellStack, CompactLabel, CompactLabelGroup, Muted } from '../../../components/plain-markup';
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
  // Screen-reader texts of the status icons, translated once for every cell.
  const sr = { success: t('Success'), warning: t('Warning'), danger: t('Error') };
  /** The value in effect, and the admin-set value CDI does not know, if any (the same rule as the filter). */
  const specValueCell = (row: ProfileRow, field: 'cloneStrategy' | 'dataImportCronSourceFormat') => {
    const invalid = row.invalidSpecValues.find((v) => v.field === field);
    if (!invalid) return row[field] || none;
    return (
      <CellStack>
        {[
          row[field] && row[field] !== invalid.value && row[field],
          <StatusIcon key="invalid" status="warning" srText={sr.warning}>
            <strong>{t('Invalid: "{{value}}"', { value: invalid.value })}</strong>
          </StatusIcon>,
        ]}
      </CellStack>
    );
  };
  return [
    {
      id: 'name',
      title: t('Name'),
      sortValue: profileSortValues.name,
      cell: (row) => (
        <CellStack>
          {[
            <Link key="link" to={storageProfileDetailsPath(row.name)}>
              <BreakableText text={row.name} />
            </Link>,
            // Under the name rather than in a column of their own: the list must fit a 1280px window.
            (row.isDefaultClass || row.isDefaultVirtClass) && (
              <CompactLabelGroup key="labels">
                {[
                  row.isDefaultVirtClass && (
                    <CompactLabel key="virt" color="blue">
                      {t('Default for virtualization')}
                    </CompactLabel>
                  ),
                  row.isDefaultClass && <CompactLabel key="default">{t('Default')}</CompactLabel>,
                ]}
              </CompactLabelGroup>
            ),
            row.storageClassUnknown && <Muted key="unknown">{t('Default class: unknown')}</Muted>,
            row.problems.includes('missing-storage-class') && (
              <Muted key="missing">
                {t('StorageClass {{name}} not found; CDI removes this profile.', { name: row.name })}
              </Muted>
            ),
          ]}
        </CellStack>
      ),
    },
    {
      id: 'provisioner',
      title: t('Provisioner'),
      sortValue: profileSortValues.provisioner,
      cell: (row) => (
        <CellStack>
          {[
            row.provisioner ? (
              <BreakableText key="p" text={row.provisioner} />
            ) : (
              <Fragment key="p">{none}</Fragment>
            ),
            row.noProvisioner && <Muted key="none">{t('Pre-created PersistentVolumes only')}</Muted>,
            // Icon and text, not a label: a label never wraps, which would widen the column.
            row.problems.includes('unsupported') && (
              <StatusIcon key="unsupported" status="danger" srText={sr.danger}>
                {t('Not supported by CDI')}
              </StatusIcon>
            ),
          ]}
        </CellStack>
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
            <StatusIcon status="success" srText={sr.success} className="vsp-nowrap">
              {t('Recognized')}
            </StatusIcon>
          );
        }
        return (
          <CellStack>
            {[
              <StatusIcon key="status" status="warning" srText={sr.warning}>
                {recognized.status === 'False' ? t('Not recognized') : t('Unknown')}
              </StatusIcon>,
              recognized.reason && (
                <Muted key="reason">
                  <BreakableText text={recognized.reason} />
                </Muted>
              ),
            ]}
          </CellStack>
        );
      },
    },
    {
      id: 'claimPropertySets',
      title: t('Access and volume modes'),
      sortValue: profileSortValues.claimPropertySets,
      cell: (row) =>
        row.problems.includes('incomplete') ? (
          <CellStack>
            {[
              <StatusIcon key="incomplete" status="warning" srText={sr.warning} className="vsp-nowrap">
                <strong>{t('Incomplete')}</strong>
              </StatusIcon>,
              <Muted key="hint">
                {t('DataVolumes that omit access modes will not be provisioned on this class.')}
              </Muted>,
            ]}
          </CellStack>
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
          <CellStack>
            {[
              <BreakableText key="name" text={row.snapshotClass} />,
              row.snapshotClassFromDriverMatch && <Muted key="driver">{t('Matched by driver')}</Muted>,
            ]}
          </CellStack>
        ) : row.snapshotClassUnknown ? (
          <Muted>{t('Unknown')}</Muted>
        ) : (
          <Muted>{t('None')}</Muted>
        ),
    },
  ];
};
