import { Checkbox } from '@patternfly/react-core';
import { PencilAltIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavigateFunction } from 'react-router';
import { adminSetFields, type EditableSpecField } from '../logic/storage-profile-fields';
import { NARROW_TABLE_HIDDEN, type ProfileColumn } from './profile-columns';
import type { ProfileRow } from '../logic/profile-list-logic';
import { storageProfileEditPath } from '../../../routes';
import { CompactLabel } from '../../../components/plain-markup';

/** A list column saying whether the profile's values come from an administrator (spec) or from CDI. */
export const useValueSourceColumn = (): ProfileColumn => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return useMemo(() => {
    const fieldNames: Record<EditableSpecField, string> = {
      claimPropertySets: t('access and volume modes'),
      cloneStrategy: t('clone strategy'),
      dataImportCronSourceFormat: t('boot source format'),
      snapshotClass: t('snapshot class'),
    };
    return {
      id: 'valueSource',
      title: t('Values from'),
      visibility: NARROW_TABLE_HIDDEN,
      // Compact: the list is wide already; the details page says which fields the admin set.
      cell: (row: ProfileRow) => {
        const fields = adminSetFields(row.profile);
        return fields.length === 0 ? (
          <CompactLabel>{t('CDI')}</CompactLabel>
        ) : (
          <CompactLabel color="purple" title={fields.map((f) => fieldNames[f]).join(', ')}>
            {t('Administrator')}
          </CompactLabel>
        );
      },
    };
  }, [t]);
};

export const NeedsAttentionFilter = ({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Checkbox
      id="vsp-profile-needs-attention"
      label={t('Only profiles that need attention')}
      isChecked={checked}
      onChange={(_e, value) => onChange(value)}
    />
  );
};

/**
 * The row's Edit action: PatternFly's inline link button (`<Button variant="link" isInline icon>`) as a plain
 * button, since every row has one. `navigate` comes from the page (one `useNavigate` for all rows).
 */
export const EditProfileAction = ({
  name,
  label,
  ariaLabel,
  navigate,
}: {
  name: string;
  /** The visible text ("Edit"), translated once by the page. */
  label: string;
  /** The button's accessible name, e.g. "Edit nfs-csi". */
  ariaLabel: string;
  navigate: NavigateFunction;
}) => (
  <button
    type="button"
    className="pf-v6-c-button pf-m-link pf-m-inline"
    aria-label={ariaLabel}
    onClick={() => navigate(storageProfileEditPath(name))}
  >
    <span className="pf-v6-c-button__icon pf-m-start">
      <PencilAltIcon />
    </span>
    <span className="pf-v6-c-button__text">{label}</span>
  </button>
);
