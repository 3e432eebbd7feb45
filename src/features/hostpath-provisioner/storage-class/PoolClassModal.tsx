import {
  Alert,
  Button,
  Checkbox,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  Radio,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DefaultClassSwitchProgress } from '../../../components/DefaultClassSwitchProgress';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { defaultClasses, isDefaultClass, type DefaultKind } from '../../../k8s/default-storage-class';
import { StorageClassModel } from '../../../k8s/models';
import type { StorageClass } from '../../../k8s/types';
import { accessAttributes, useAccess } from '../../../k8s/use-access';
import { useDefaultClassSwitch } from '../../../k8s/use-default-class-switch';
import { useCreateObject } from '../../../k8s/use-object-writes';
import { HPP_CSI_PROVISIONER, STORAGE_POOL_PARAMETER } from '../logic/hpp-types';
import { classesOfPool } from '../logic/pool-rows';
import {
  buildPoolStorageClass,
  poolStorageClassNotes,
  validateStorageClassName,
  type BindingMode,
  type ClassNameError,
  type ReclaimPolicy,
} from '../logic/storage-class-spec';
import { hppLists, type HppData } from '../shared/use-hpp-data';
import { toYaml } from '../../../k8s/to-yaml';
import { ImmediateBindingWarning } from './ImmediateBindingWarning';
import { YamlBlock } from '../../../components/YamlBlock';
import { metadataName } from '../../../k8s/names';

export interface PoolClassModalProps {
  pool: string;
  data: HppData;
  onClose: () => void;
}

const ID = 'vsp-pool-class';

/** The first of `hostpath-csi-<pool>`, `-2`, `-3`… that is not taken. */
const suggestName = (pool: string, classes: readonly StorageClass[] | undefined): string => {
  const base = `hostpath-csi-${pool}`.slice(0, 240);
  const taken = new Set((classes ?? []).map(metadataName));
  if (!taken.has(base)) return base;
  for (let i = 2; i < 100; i += 1) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  return '';
};

/**
 * "Create StorageClass for this pool": the CSI class of an HPP pool (`provisioner
 * kubevirt.io.hostpath-provisioner`, `parameters.storagePool`), WaitForFirstConsumer by default, previewed as
 * YAML and created with one POST. Optionally it then becomes the default for virtualization and/or the
 * cluster default through the shared guarded switch (set the new class, unset the old default, undo on
 * failure), once the watch shows the new class.
 */
const PoolClassModal = ({ pool, data, onClose }: PoolClassModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const lists = useMemo(() => hppLists(data), [data]);
  const classes = lists.storageClasses;
  const [name, setName] = useState(() => suggestName(pool, classes));
  const [nameTouched, setNameTouched] = useState(false);
  const [reclaimPolicy, setReclaimPolicy] = useState<ReclaimPolicy>('Delete');
  const [bindingMode, setBindingMode] = useState<BindingMode>('WaitForFirstConsumer');
  const [makeDefault, setMakeDefault] = useState<Record<DefaultKind, boolean>>({ virt: false, k8s: false });
  const [created, setCreated] = useState<StorageClass>();
  const createMutation = useCreateObject<StorageClass>();
  const access = useAccess(accessAttributes(StorageClassModel, 'create'));
  const patchAccess = useAccess(accessAttributes(StorageClassModel, 'patch'));

  const input = { name, pool, reclaimPolicy, volumeBindingMode: bindingMode };
  const object = buildPoolStorageClass(input);
  const notes = poolStorageClassNotes(input);
  const nameError = validateStorageClassName(name, classes);
  const poolClasses = useMemo(
    () => (classes ? classesOfPool(pool, classes).map(metadataName) : []),
    [classes, pool],
  );
  const poolInSpec = data.crs.data?.some((cr) => cr.spec?.storagePools?.some((p) => p.name === pool));

  // The default switches run on the watched classes once the new one is among them.
  const watched = useMemo(() => classes ?? [], [classes]);
  const createdName = created ? metadataName(created) : '';
  const virtSwitch = useDefaultClassSwitch({
    classes: watched,
    newName: created && makeDefault.virt ? createdName : '',
    kind: 'virt',
  });
  const k8sSwitch = useDefaultClassSwitch({
    classes: watched,
    newName: created && makeDefault.k8s ? createdName : '',
    kind: 'k8s',
  });
  const startedVirt = useRef(false);
  const startedK8s = useRef(false);
  const liveCreated = watched.find((sc) => metadataName(sc) === createdName);
  useEffect(() => {
    if (!created) return;
    if (makeDefault.virt && !startedVirt.current && virtSwitch.plan.status === 'ready') {
      startedVirt.current = true;
      virtSwitch.run();
      return;
    }
    // The cluster default second, on the class as the watch shows it after the first switch.
    const virtDone =
      !makeDefault.virt ||
      (virtSwitch.outcome?.kind === 'done' && !!liveCreated && isDefaultClass(liveCreated, 'virt'));
    if (makeDefault.k8s && virtDone && !startedK8s.current && k8sSwitch.plan.status === 'ready') {
      startedK8s.current = true;
      k8sSwitch.run();
    }
  }, [created, makeDefault, virtSwitch, k8sSwitch, liveCreated]);

  const switching = virtSwitch.isRunning || k8sSwitch.isRunning;
  const notStarted = (sw: typeof virtSwitch) => sw.progress.length === 0 && !sw.outcome;
  const waitingForWatch =
    !!created &&
    ((makeDefault.virt && notStarted(virtSwitch)) ||
      (makeDefault.k8s &&
        notStarted(k8sSwitch) &&
        (!virtSwitch.outcome || virtSwitch.outcome.kind === 'done')));
  const canCreate = access.allowed && !access.loading;
  const busy = createMutation.isPending || switching;

  const nameErrorText = (e: ClassNameError): string => {
    switch (e.code) {
      case 'required':
        return t('Enter a name.');
      case 'too-long':
        return t('At most {{max}} characters.', { max: e.max });
      case 'not-dns1123-subdomain':
        return t(
          'Use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit (a DNS subdomain).',
        );
      case 'taken':
        return t('A storage class named {{name}} already exists.', { name });
    }
  };

  const create = () => {
    setNameTouched(true);
    if (nameError || !canCreate || created) return;
    createMutation.mutate(
      { model: StorageClassModel, data: object },
      { onSuccess: (sc) => setCreated(sc ?? object) },
    );
  };

  const currentDefault = (kind: DefaultKind) =>
    classes ? defaultClasses(classes, kind).map(metadataName)[0] : undefined;
  const showNameError = nameError && (nameTouched || name !== '');
  const disabled = !!created || busy;

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${ID}-title`}
      aria-describedby={`${ID}-intro`}
    >
      <ModalHeader title={t('Create StorageClass for pool {{pool}}', { pool })} labelId={`${ID}-title`} />
      <ModalBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p" id={`${ID}-intro`}>
              {t(
                "Volumes of a StorageClass with the hostpath provisioner's CSI driver and the parameter storagePool are carved from this pool's directory on the node where the VM runs.",
              )}
            </Content>
            {poolClasses.length > 0 && (
              <Content component="p">
                {t('Classes that already provision from {{pool}}: {{names}}.', {
                  pool,
                  names: poolClasses.join(', '),
                })}
              </Content>
            )}
          </StackItem>

          {poolInSpec === false && (
            <StackItem>
              <Alert
                variant="warning"
                isInline
                title={t('Pool {{pool}} is not in the HostPathProvisioner', { pool })}
              >
                {t('Claims of this class stay Pending until a pool of this name exists.')}
              </Alert>
            </StackItem>
          )}
          {!access.loading && !access.allowed && (
            <StackItem>
              <Alert variant="info" isInline isPlain title={t('Read-only')}>
                {access.reason}
              </Alert>
            </StackItem>
          )}

          {created && (
            <StackItem>
              <Alert
                variant="success"
                isInline
                title={t('StorageClass {{name}} was created', { name: createdName })}
              >
                {t('CDI creates its StorageProfile; the pools table shows it.')}
              </Alert>
            </StackItem>
          )}
          {created && waitingForWatch && !switching && (
            <StackItem>
              <Content component="p" aria-live="polite">
                {t('Waiting for the new class to appear in the list before the default switch…')}
              </Content>
            </StackItem>
          )}
          {(virtSwitch.progress.length > 0 || virtSwitch.outcome) && (
            <StackItem>
              <DefaultClassSwitchProgress {...virtSwitch} idPrefix={`${ID}-virt`} />
            </StackItem>
          )}
          {(k8sSwitch.progress.length > 0 || k8sSwitch.outcome) && (
            <StackItem>
              <DefaultClassSwitchProgress {...k8sSwitch} idPrefix={`${ID}-k8s`} />
            </StackItem>
          )}
          {created && makeDefault.k8s && virtSwitch.outcome && virtSwitch.outcome.kind !== 'done' && (
            <StackItem>
              <Alert variant="info" isInline isPlain title={t('The cluster default was not changed')}>
                {t(
                  'Because the switch of the default for virtualization failed, the second switch was not started.',
                )}
              </Alert>
            </StackItem>
          )}
          {createMutation.isError && (
            <StackItem>
              <ErrorAlert
                error={createMutation.error}
                title={t('Could not create StorageClass {{name}}', { name })}
              />
            </StackItem>
          )}

          <StackItem>
            <Form
              onSubmit={(e) => {
                e.preventDefault();
                create();
              }}
            >
              <FormGroup label={t('Name')} isRequired fieldId={`${ID}-name`}>
                <TextInput
                  id={`${ID}-name`}
                  value={name}
                  isRequired
                  isDisabled={disabled}
                  validated={showNameError ? 'error' : 'default'}
                  aria-describedby={`${ID}-name-help`}
                  onChange={(_e, v) => setName(v.trim())}
                  onBlur={() => setNameTouched(true)}
                />
                <FormHelperText>
                  <HelperText id={`${ID}-name-help`}>
                    {showNameError ? (
                      <HelperTextItem variant="error">{nameErrorText(nameError)}</HelperTextItem>
                    ) : (
                      <HelperTextItem>
                        {classes
                          ? t('StorageClass names are cluster-wide; the name cannot be changed later.')
                          : t(
                              'The storage classes could not be read: the server tells if the name is taken.',
                            )}
                      </HelperTextItem>
                    )}
                  </HelperText>
                </FormHelperText>
              </FormGroup>

              <DescriptionList isHorizontal isCompact>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t('Provisioner')}</DescriptionListTerm>
                  <DescriptionListDescription>
                    <code>{HPP_CSI_PROVISIONER}</code>
                  </DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>
                    {t('Parameter {{parameter}}', { parameter: STORAGE_POOL_PARAMETER })}
                  </DescriptionListTerm>
                  <DescriptionListDescription>
                    <code>{pool}</code>
                  </DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>

              <FormGroup role="radiogroup" isStack fieldId={`${ID}-reclaim`} label={t('Reclaim policy')}>
                <Radio
                  id={`${ID}-reclaim-delete`}
                  name={`${ID}-reclaim`}
                  label={t('Delete')}
                  description={t(
                    'When a PVC is deleted, its volume and the data in the pool are deleted too.',
                  )}
                  isChecked={reclaimPolicy === 'Delete'}
                  isDisabled={disabled}
                  onChange={() => setReclaimPolicy('Delete')}
                />
                <Radio
                  id={`${ID}-reclaim-retain`}
                  name={`${ID}-reclaim`}
                  label={t('Retain')}
                  description={t(
                    'The PersistentVolume and its data stay after the PVC is deleted; an administrator removes them by hand.',
                  )}
                  isChecked={reclaimPolicy === 'Retain'}
                  isDisabled={disabled}
                  onChange={() => setReclaimPolicy('Retain')}
                />
              </FormGroup>

              <FormGroup role="radiogroup" isStack fieldId={`${ID}-binding`} label={t('Volume binding mode')}>
                <Radio
                  id={`${ID}-binding-wffc`}
                  name={`${ID}-binding`}
                  label={t('WaitForFirstConsumer (recommended)')}
                  description={t(
                    "The volume is created only when a pod that uses it is scheduled, on that pod's node. Hostpath volumes are local to one node, so the pod must be scheduled first (OpenShift Virtualization documentation, 8.5.1.1).",
                  )}
                  isChecked={bindingMode === 'WaitForFirstConsumer'}
                  isDisabled={disabled}
                  onChange={() => setBindingMode('WaitForFirstConsumer')}
                />
                <Radio
                  id={`${ID}-binding-immediate`}
                  name={`${ID}-binding`}
                  label={t('Immediate')}
                  description={t(
                    "The volume is created as soon as the PVC is, on a node of the provisioner's choosing.",
                  )}
                  isChecked={bindingMode === 'Immediate'}
                  isDisabled={disabled}
                  onChange={() => setBindingMode('Immediate')}
                />
              </FormGroup>
              {notes.some((n) => n.code === 'immediate-binding') && <ImmediateBindingWarning />}

              <FormGroup
                role="group"
                isStack
                fieldId={`${ID}-defaults`}
                label={t('Default class (optional)')}
              >
                <Checkbox
                  id={`${ID}-default-virt`}
                  label={t('Make it the default storage class for virtualization')}
                  description={t(
                    'CDI puts VM disks, DataVolumes and boot sources that name no storage class on it. Now: {{current}}.',
                    { current: currentDefault('virt') ?? t('no class') },
                  )}
                  isChecked={makeDefault.virt}
                  isDisabled={disabled || !patchAccess.allowed}
                  onChange={(_e, v) => setMakeDefault((d) => ({ ...d, virt: v }))}
                />
                <Checkbox
                  id={`${ID}-default-k8s`}
                  label={t('Make it the cluster default storage class')}
                  description={t(
                    'Every PVC without a storage class, in every namespace and not only for VMs, gets it. Now: {{current}}.',
                    { current: currentDefault('k8s') ?? t('no class') },
                  )}
                  isChecked={makeDefault.k8s}
                  isDisabled={disabled || !patchAccess.allowed}
                  onChange={(_e, v) => setMakeDefault((d) => ({ ...d, k8s: v }))}
                />
              </FormGroup>
              {(makeDefault.virt || makeDefault.k8s) && !created && (
                <Content component="p">
                  {t(
                    'After the class is created, the switch sets its default annotation to "true", then sets the previous default\'s to "false"; if that second write fails, the first is undone.',
                  )}
                </Content>
              )}
            </Form>
          </StackItem>

          <StackItem>
            <Title headingLevel="h3" size="md">
              {t('What will be created')}
            </Title>
            <YamlBlock
              yaml={toYaml(object)}
              id={`${ID}-yaml`}
              label={t('YAML of the StorageClass that will be created')}
            />
          </StackItem>
        </Stack>
      </ModalBody>
      <ModalFooter>
        {!created && (
          <Button
            variant="primary"
            onClick={create}
            isLoading={createMutation.isPending}
            isDisabled={busy || !canCreate || (!!nameError && nameTouched)}
          >
            {t('Create')}
          </Button>
        )}
        <Button variant={created ? 'primary' : 'link'} onClick={onClose} isDisabled={busy}>
          {created ? t('Close') : t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};

export default PoolClassModal;
