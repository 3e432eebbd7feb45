import { Button, Checkbox, Label } from '@patternfly/react-core';
import { PencilAltIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { adminSetFields, type EditableSpecField } from '../logic/storage-profile-fields';
import { NARROW_TABLE_HIDDEN, type ProfileColumn } from './profile-columns';
import type { ProfileRow } from '../logic/profile-list-logic';
import { storageProfileEditPath } from '../../../routes';

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
          <Label isCompact>{t('CDI')}</Label>
        ) : (
          <Label color="purple" isCompact title={fields.map((f) => fieldNames[f]).join(', ')}>
            {t('Administrator')}
          </Label>
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

export const EditProfileAction = ({ name }: { name: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const navigate = useNavigate();
  return (
    <Button
      variant="link"
      isInline
      icon={<PencilAltIcon />}
      aria-label={t('Edit {{name}}', { name })}
      onClick={() => navigate(storageProfileEditPath(name))}
    >
      {t('Edit')}
    </Button>
  );
};
