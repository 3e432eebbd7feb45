import {
  Alert,
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  Radio,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DefaultClassSwitchProgress,
  DefaultClassSwitchSteps,
  useDefaultKindName,
} from '../../../components/DefaultClassSwitchProgress';
import { StatusIcon } from '../../../components/StatusIcon';
import {
  classesAfter,
  defaultClasses,
  effectiveBootSourceClass,
  ignoredDefaultValues,
  type DefaultKind,
  type EffectiveClass,
} from '../../../k8s/default-storage-class';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { useDefaultClassSwitch } from '../../../k8s/use-default-class-switch';
import { profileReadiness } from './storage-class-logic';
import '../../../components/plugin.css';
import { metadataName } from '../../../k8s/names';

export interface BootSourceClassModalProps {
  storageClasses: StorageClass[];
  storageProfiles: StorageProfile[];
  snapshotClasses: VolumeSnapshotClass[];
  onClose: () => void;
}

/**
 * Where boot sources without their own class are imported (8.3.2.1), and the guided switch of the virt or
 * cluster default: set the new class, unset the old one(s), and undo the first write if a later one fails.
 */
export const BootSourceClassModal = ({
  storageClasses,
  storageProfiles,
  snapshotClasses,
  onClose,
}: BootSourceClassModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [newName, setNewName] = useState('');
  const [kind, setKind] = useState<DefaultKind>('virt');
  const sw = useDefaultClassSwitch({ classes: storageClasses, newName, kind });
  const started = sw.isRunning || sw.outcome !== undefined;

  const sorted = useMemo(
    () => [...storageClasses].sort((a, b) => metadataName(a).localeCompare(metadataName(b))),
    [storageClasses],
  );
  const current = useMemo(() => effectiveBootSourceClass(storageClasses), [storageClasses]);
  const virtDefaults = useMemo(
    () => defaultClasses(storageClasses, 'virt').map(metadataName),
    [storageClasses],
  );
  const k8sDefaults = useMemo(
    () => defaultClasses(storageClasses, 'k8s').map(metadataName),
    [storageClasses],
  );
  const ignored = useMemo(
    () => [...ignoredDefaultValues(storageClasses, 'virt'), ...ignoredDefaultValues(storageClasses, 'k8s')],
    [storageClasses],
  );
  const chosen = storageClasses.find((sc) => metadataName(sc) === newName);
  const readiness = chosen
    ? profileReadiness(
        chosen,
        storageProfiles.find((p) => metadataName(p) === newName),
        snapshotClasses,
      )
    : undefined;
  const after =
    sw.plan.status === 'ready'
      ? effectiveBootSourceClass(classesAfter(storageClasses, sw.plan.steps))
      : undefined;
  const kindName = useDefaultKindName();

  const describeCurrent = (e: EffectiveClass) => {
    switch (e.source) {
      case 'virt-default':
        return t(
          'Boot sources without their own storage class are imported to {{className}}: it is the default storage class for virtualization (annotation storageclass.kubevirt.io/is-default-virt-class: "true"), which CDI prefers to the cluster default.',
          { className: e.className },
        );
      case 'k8s-default':
        return t(
          'Boot sources without their own storage class are imported to {{className}}: no class is the default for virtualization, so CDI uses the cluster default (annotation storageclass.kubernetes.io/is-default-class: "true").',
          { className: e.className },
        );
      case 'none':
        return t(
          'No class is the default for virtualization or the cluster default: boot sources without their own storage class cannot be imported and wait (alert CDINoDefaultStorageClass).',
        );
      default:
        return '';
    }
  };

  const outcome = sw.outcome;

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={sw.isRunning ? undefined : onClose}
      aria-labelledby="vsp-boot-source-class-title"
      aria-describedby="vsp-boot-source-class-today"
    >
      <ModalHeader title={t('Boot-source storage class')} labelId="vsp-boot-source-class-title" />
      <ModalBody>
        <Stack hasGutter>
          {/* Once the switch runs, its progress and result come first: they are what the admin waits for. */}
          {started && (
            <StackItem>
              <DefaultClassSwitchProgress {...sw} idPrefix="vsp-boot-source-class" />
            </StackItem>
          )}

          <StackItem>
            <Title headingLevel="h3" size="md">
              {t('Where boot sources go today')}
            </Title>
            <Content component="p" id="vsp-boot-source-class-today">
              {describeCurrent(current)}
            </Content>
            {current.source === 'virt-default' && current.others.length > 0 && (
              <Alert
                variant="warning"
                isInline
                title={t('{{count}} classes are marked as default for virtualization', {
                  count: virtDefaults.length,
                })}
              >
                {t(
                  'Marked: {{names}}. CDI uses the most recently created one, {{className}} (alert CDIMultipleDefaultVirtStorageClasses). Switching below leaves only the chosen class marked.',
                  { names: virtDefaults.join(', '), className: current.className },
                )}
              </Alert>
            )}
            {ignored.map((i) => (
              <Alert
                key={`${i.className}/${i.annotation}`}
                variant="info"
                isInline
                isPlain
                title={t('{{className}}: {{annotation}} is "{{value}}", which counts as not default', i)}
              >
                {t('Kubernetes and CDI accept only the exact value "true".')}
              </Alert>
            ))}
            <Content component="p">
              {t(
                'A boot source with its own storage class keeps it; set that per source in the boot-source wizard\'s "Customise storage" step or with its "Edit" action.',
              )}
            </Content>
          </StackItem>

          <StackItem>
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t('Storage class')} fieldId="vsp-boot-source-class-select" isRequired>
                <FormSelect
                  id="vsp-boot-source-class-select"
                  value={newName}
                  isDisabled={started}
                  onChange={(_e, v) => setNewName(v)}
                >
                  <FormSelectOption value="" label={t('Select a storage class')} isPlaceholder isDisabled />
                  {sorted.map((sc) => {
                    const name = metadataName(sc);
                    const marks = [
                      virtDefaults.includes(name) ? t('default for virtualization') : undefined,
                      k8sDefaults.includes(name) ? t('cluster default') : undefined,
                    ].filter(Boolean);
                    return (
                      <FormSelectOption
                        key={name}
                        value={name}
                        label={marks.length > 0 ? `${name} (${marks.join(', ')})` : name}
                      />
                    );
                  })}
                </FormSelect>
              </FormGroup>
              <FormGroup
                role="radiogroup"
                isInline={false}
                fieldId="vsp-boot-source-class-kind"
                label={t('Make it')}
              >
                <Radio
                  id="vsp-boot-source-class-kind-virt"
                  name="vsp-boot-source-class-kind"
                  label={t('The default for virtualization (recommended)')}
                  description={t(
                    'Used by CDI for boot sources, VM disks and other DataVolumes that name no storage class. Other PVCs are not affected.',
                  )}
                  isChecked={kind === 'virt'}
                  isDisabled={started}
                  onChange={() => setKind('virt')}
                />
                <Radio
                  id="vsp-boot-source-class-kind-k8s"
                  name="vsp-boot-source-class-kind"
                  label={t('The cluster default')}
                  description={t(
                    'Used by every PVC without a storage class, in every namespace, not only by VMs. Boot sources follow it only while no class is the default for virtualization.',
                  )}
                  isChecked={kind === 'k8s'}
                  isDisabled={started}
                  onChange={() => setKind('k8s')}
                />
              </FormGroup>
            </Form>
          </StackItem>

          {chosen && readiness && (
            <StackItem>
              <Title headingLevel="h3" size="md">
                {t('Storage profile of {{className}}', { className: newName })}
              </Title>
              {readiness.kind === 'missing' && (
                <Alert variant="warning" isInline title={t('No storage profile yet')}>
                  {t(
                    'CDI creates a storage profile for every storage class. Until it exists, CDI cannot work out how to import boot sources onto {{className}}.',
                    { className: newName },
                  )}
                </Alert>
              )}
              {readiness.kind === 'incomplete' && (
                <Alert
                  variant="warning"
                  isInline
                  title={t('Boot sources will fail to import onto {{className}}', { className: newName })}
                >
                  {t(
                    'Its storage profile has no claim property sets (access and volume modes), so imports fail with "DataVolume.storage spec is missing accessMode and cannot get access mode from StorageProfile {{className}}". Complete the storage profile first.',
                    { className: newName },
                  )}
                </Alert>
              )}
              {readiness.kind === 'ready' && (
                <Content component="p">
                  <StatusIcon status="success">
                    {readiness.format === 'snapshot'
                      ? t(
                          'Ready: boot sources are kept as VolumeSnapshots (VolumeSnapshotClass {{snapshotClass}}).',
                          {
                            snapshotClass: readiness.snapshotClass ?? t('none'),
                          },
                        )
                      : t('Ready: boot sources are kept as PVCs.')}
                  </StatusIcon>
                </Content>
              )}
            </StackItem>
          )}

          {sw.plan.status === 'already-default' && newName && (
            <StackItem>
              <Alert
                variant="info"
                isInline
                title={t('{{className}} is already the only {{kind}}', {
                  className: newName,
                  kind: kindName(kind),
                })}
              >
                {t('Nothing to change.')}
              </Alert>
            </StackItem>
          )}

          {sw.plan.status === 'ready' && (
            <StackItem>
              <Title headingLevel="h3" size="md">
                {t('What happens')}
              </Title>
              {started ? null : after &&
                after.source !== 'none' &&
                after.className !== (current.source === 'none' ? '' : current.className) ? (
                <Content component="p">
                  {t(
                    'Boot sources without their own storage class move to {{className}}: for each one, CDI deletes its newest image on {{old}} and imports it again onto {{className}}. VMs created earlier keep their disks.',
                    {
                      className: after.className,
                      old: current.source === 'none' ? t('no class') : current.className,
                    },
                  )}
                </Content>
              ) : (
                <Content component="p">
                  {kind === 'k8s' && virtDefaults.length > 0
                    ? t(
                        '{{virt}} stays the default for virtualization, so boot sources stay where they are; the change affects PVCs without a storage class.',
                        { virt: virtDefaults[0] },
                      )
                    : t('Boot sources stay where they are.')}
                </Content>
              )}
              <DefaultClassSwitchSteps {...sw} idPrefix="vsp-boot-source-class" />
            </StackItem>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        {!outcome && (
          <Button
            variant="primary"
            onClick={sw.run}
            isLoading={sw.isRunning}
            isDisabled={sw.isRunning || sw.plan.status !== 'ready'}
          >
            {t('Switch default')}
          </Button>
        )}
        {outcome && outcome.kind !== 'done' && (
          <Button variant="secondary" onClick={sw.reset}>
            {t('Start over')}
          </Button>
        )}
        <Button variant={outcome ? 'primary' : 'link'} onClick={onClose} isDisabled={sw.isRunning}>
          {outcome ? t('Close') : t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
