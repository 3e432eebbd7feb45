import {
  Button,
  Checkbox,
  Flex,
  FlexItem,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Radio,
} from '@patternfly/react-core';
import { ArrowDownIcon, ArrowUpIcon, PlusCircleIcon, TrashIcon } from '@patternfly/react-icons';
import { useTranslation } from 'react-i18next';
import '../../../components/plugin.css';
import type { AccessMode, ClaimPropertySet, VolumeMode } from '../../../k8s/types';
import { ACCESS_MODE_ABBREVIATIONS, ACCESS_MODES, VOLUME_MODES } from '../../../k8s/access-modes';
import {
  addClaimPropertySet,
  MAX_CLAIM_PROPERTY_SETS,
  moveClaimPropertySet,
  removeClaimPropertySet,
  setVolumeMode,
  toggleAccessMode,
} from '../logic/spec-form-logic';

export interface ClaimPropertySetsEditorProps {
  sets: ClaimPropertySet[];
  onChange: (sets: ClaimPropertySet[]) => void;
  isDisabled: boolean;
  /** Error text per set index. */
  errors: Record<number, string[]>;
  warnings: Record<number, string[]>;
}

/** An ordered list of claim property sets; every change is a button or a checkbox, so it works by keyboard. */
export const ClaimPropertySetsEditor = ({
  sets,
  onChange,
  isDisabled,
  errors,
  warnings,
}: ClaimPropertySetsEditorProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const modeLabel: Record<AccessMode, string> = {
    ReadWriteMany: t('ReadWriteMany (RWX): many nodes read and write; needed for live migration'),
    ReadWriteOnce: t('ReadWriteOnce (RWO): one node reads and writes'),
    ReadOnlyMany: t('ReadOnlyMany (ROX): many nodes read'),
    ReadWriteOncePod: t('ReadWriteOncePod (RWOP): one pod reads and writes'),
  };
  const volumeModeLabel: Record<VolumeMode, string> = {
    Block: t('Block: a raw device, usually faster for VM disks'),
    Filesystem: t('Filesystem: a disk image file on a filesystem'),
  };

  return (
    <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsMd' }}>
      {sets.length === 0 && (
        <FlexItem>
          <HelperText>
            <HelperTextItem>
              {t(
                'No sets: CDI uses its own values for this provisioner (none if it does not know the provisioner).',
              )}
            </HelperTextItem>
          </HelperText>
        </FlexItem>
      )}
      {sets.map((set, index) => {
        const n = index + 1;
        return (
          <FlexItem key={index}>
            <fieldset className="vsp-set-fieldset" aria-describedby={`vsp-cps-${index}-help`}>
              <legend className="vsp-set-fieldset__legend">
                {t('Set {{n}}', { n })}
                {index === 0 ? ` ${t('(preferred)')}` : ''}
              </legend>
              <Flex alignItems={{ default: 'alignItemsFlexStart' }} spaceItems={{ default: 'spaceItems2xl' }}>
                <FlexItem>
                  <div role="group" aria-label={t('Access modes of set {{n}}', { n })}>
                    <div className="vsp-group-label">{t('Access modes')}</div>
                    {ACCESS_MODES.map((mode) => (
                      <Checkbox
                        key={mode}
                        id={`vsp-cps-${index}-${ACCESS_MODE_ABBREVIATIONS[mode]}`}
                        label={modeLabel[mode]}
                        isChecked={set.accessModes.includes(mode)}
                        isDisabled={isDisabled}
                        onChange={(_e, checked) =>
                          onChange(toggleAccessMode(sets, index, mode, checked, ACCESS_MODES))
                        }
                      />
                    ))}
                  </div>
                </FlexItem>
                <FlexItem>
                  <div role="radiogroup" aria-label={t('Volume mode of set {{n}}', { n })}>
                    <div className="vsp-group-label">{t('Volume mode')}</div>
                    {VOLUME_MODES.map((mode) => (
                      <Radio
                        key={mode}
                        id={`vsp-cps-${index}-${mode}`}
                        name={`vsp-cps-${index}-volume-mode`}
                        label={volumeModeLabel[mode]}
                        isChecked={set.volumeMode === mode}
                        isDisabled={isDisabled}
                        onChange={() => onChange(setVolumeMode(sets, index, mode))}
                      />
                    ))}
                  </div>
                </FlexItem>
                <FlexItem align={{ default: 'alignRight' }}>
                  <Flex spaceItems={{ default: 'spaceItemsSm' }}>
                    <Button
                      variant="secondary"
                      size="sm"
                      icon={<ArrowUpIcon />}
                      aria-label={t('Move set {{n}} up', { n })}
                      isDisabled={isDisabled || index === 0}
                      onClick={() => onChange(moveClaimPropertySet(sets, index, -1))}
                    />
                    <Button
                      variant="secondary"
                      size="sm"
                      icon={<ArrowDownIcon />}
                      aria-label={t('Move set {{n}} down', { n })}
                      isDisabled={isDisabled || index === sets.length - 1}
                      onClick={() => onChange(moveClaimPropertySet(sets, index, 1))}
                    />
                    <Button
                      variant="secondary"
                      isDanger
                      size="sm"
                      icon={<TrashIcon />}
                      aria-label={t('Remove set {{n}}', { n })}
                      isDisabled={isDisabled}
                      onClick={() => onChange(removeClaimPropertySet(sets, index))}
                    />
                  </Flex>
                </FlexItem>
              </Flex>
              <FormHelperText id={`vsp-cps-${index}-help`}>
                <HelperText>
                  {(errors[index] ?? []).map((msg) => (
                    <HelperTextItem key={msg} variant="error">
                      {msg}
                    </HelperTextItem>
                  ))}
                  {(warnings[index] ?? []).map((msg) => (
                    <HelperTextItem key={msg} variant="warning">
                      {msg}
                    </HelperTextItem>
                  ))}
                </HelperText>
              </FormHelperText>
            </fieldset>
          </FlexItem>
        );
      })}
      <FlexItem>
        <Button
          variant="link"
          icon={<PlusCircleIcon />}
          isDisabled={isDisabled || sets.length >= MAX_CLAIM_PROPERTY_SETS}
          onClick={() => onChange(addClaimPropertySet(sets))}
        >
          {t('Add claim property set')}
        </Button>
        {sets.length >= MAX_CLAIM_PROPERTY_SETS && (
          <HelperText>
            <HelperTextItem>
              {t('A profile can hold at most {{max}} sets.', { max: MAX_CLAIM_PROPERTY_SETS })}
            </HelperTextItem>
          </HelperText>
        )}
      </FlexItem>
    </Flex>
  );
};
