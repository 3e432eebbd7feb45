import {
  Alert,
  Button,
  Content,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DefaultClassSwitchProgress,
  DefaultClassSwitchSteps,
  useDefaultKindName,
} from '../../../components/DefaultClassSwitchProgress';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/StatusStates';
import {
  classesAfter,
  defaultAnnotation,
  defaultClasses,
  effectiveBootSourceClass,
  ignoredDefaultValues,
  type DefaultKind,
  type EffectiveClass,
} from '../../../k8s/default-storage-class';
import { StorageClassModel } from '../../../k8s/models';
import type { StorageClass } from '../../../k8s/types';
import { accessAttributes, useAccess } from '../../../k8s/use-access';
import { useDefaultClassSwitch } from '../../../k8s/use-default-class-switch';
import type { SettingsSectionProps } from './section-props';
import { metadataName } from '../../../k8s/names';
import { SettingsCard } from './SettingsCard';

const usedClass = (e: EffectiveClass) => (e.source === 'none' ? '' : e.className);

interface KindPanelProps {
  kind: DefaultKind;
  classes: StorageClass[];
  canWrite: boolean;
}

/**
 * One kind of default (Kubernetes or virtualization): the current default(s), a picker, what the switch
 * changes, its ordered guarded patches and per-step progress (the shared switch of src/k8s, as on the
 * boot-sources page). Several defaults get a warning with one-click "Keep only X".
 */
const DefaultKindPanel = ({ kind, classes, canWrite }: KindPanelProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const kindName = useDefaultKindName();
  const [newName, setNewName] = useState('');
  // "Keep only X": pick X, then run as soon as the plan for X is built.
  const armed = useRef<string | undefined>(undefined);
  const sw = useDefaultClassSwitch({ classes, newName, kind });
  const started = sw.isRunning || sw.outcome !== undefined;
  const idPrefix = `vsp-default-${kind}`;

  useEffect(() => {
    if (!armed.current || sw.plan.newClass !== armed.current) return;
    armed.current = undefined;
    if (sw.plan.status === 'ready') sw.run();
  }, [sw]);

  const sorted = useMemo(
    () => [...classes].sort((a, b) => metadataName(a).localeCompare(metadataName(b))),
    [classes],
  );
  const defaults = useMemo(() => defaultClasses(classes, kind).map(metadataName), [classes, kind]);
  const otherDefaults = useMemo(
    () => defaultClasses(classes, kind === 'virt' ? 'k8s' : 'virt').map(metadataName),
    [classes, kind],
  );
  const ignored = useMemo(() => ignoredDefaultValues(classes, kind), [classes, kind]);
  const bootNow = useMemo(() => effectiveBootSourceClass(classes), [classes]);
  const plan = sw.plan;
  const after = plan.status === 'ready' ? classesAfter(classes, plan.steps) : undefined;
  const defaultAfter = after ? (defaultClasses(after, kind).map(metadataName)[0] ?? '') : '';
  const bootAfter = after ? effectiveBootSourceClass(after) : undefined;
  const disabled = !canWrite || started;

  const title =
    kind === 'virt' ? t('Default storage class for virtualization') : t('Default storage class (cluster)');
  const scope =
    kind === 'virt'
      ? t(
          'CDI puts DataVolumes, VM disks and boot sources that name no storage class on this class, in preference to the cluster default. Other PVCs are not affected. Annotation {{annotation}}: "true".',
          { annotation: defaultAnnotation(kind) },
        )
      : t(
          'Every PVC without a storage class, in every namespace and not only for VMs, gets this class. CDI uses it only while no class is the default for virtualization. Annotation {{annotation}}: "true".',
          { annotation: defaultAnnotation(kind) },
        );

  const keepOnly = (name: string) => {
    if (name === newName) {
      sw.run();
      return;
    }
    sw.reset();
    armed.current = name;
    setNewName(name);
  };

  const startOver = () => {
    sw.reset();
    setNewName('');
  };

  const whatChanges = () => {
    if (kind === 'k8s') {
      return [
        t(
          'New PVCs without a storage class, in every namespace, get {{className}} instead of {{old}}. Existing PVCs keep their class.',
          { className: defaultAfter, old: defaults[0] ?? t('no class') },
        ),
        otherDefaults.length > 0
          ? t('{{virt}} stays the default for virtualization: VM disks and boot sources are not affected.', {
              virt: otherDefaults[0],
            })
          : t('No class is the default for virtualization, so CDI follows this change too.'),
      ];
    }
    return [
      t(
        'New DataVolumes and VM disks without a storage class go to {{className}} instead of {{old}}. Existing disks stay where they are; PVCs outside CDI are not affected.',
        {
          className: defaultAfter,
          old:
            defaults[0] ??
            (otherDefaults[0]
              ? t('{{k8s}} (the cluster default)', { k8s: otherDefaults[0] })
              : t('no class')),
        },
      ),
    ];
  };

  const bootSourceMove =
    bootAfter && usedClass(bootAfter) && usedClass(bootAfter) !== usedClass(bootNow)
      ? t(
          'Boot sources without their own storage class move to {{className}}: CDI imports each one again onto it.',
          { className: usedClass(bootAfter) },
        )
      : undefined;

  return (
    <section aria-labelledby={`${idPrefix}-title`} data-testid={`${idPrefix}-panel`}>
      <Stack hasGutter>
        <StackItem>
          <Title headingLevel="h3" size="md" id={`${idPrefix}-title`}>
            {title}
          </Title>
          <Content component="p">{scope}</Content>
          <Content component="p" data-testid={`${idPrefix}-current`}>
            {defaults.length === 0
              ? kind === 'virt'
                ? t('Now: no class is the default for virtualization.')
                : t('Now: no class is the cluster default.')
              : defaults.length === 1
                ? t('Now: {{className}}', { className: defaults[0] })
                : t('Now marked: {{names}}; in use: {{className}}', {
                    names: defaults.join(', '),
                    className: defaults[0],
                  })}
          </Content>
        </StackItem>

        {defaults.length === 0 && kind === 'k8s' && (
          <StackItem>
            <Alert variant="warning" isInline title={t('No cluster default storage class')}>
              {t(
                'PVCs without a storage class stay Pending, and without a default for virtualization CDI cannot import boot sources either (alert CDINoDefaultStorageClass once a DataVolume waits).',
              )}
            </Alert>
          </StackItem>
        )}

        {defaults.length > 1 && (
          <StackItem>
            <Alert
              variant="warning"
              isInline
              title={
                kind === 'virt'
                  ? t('{{count}} classes are marked as default for virtualization', {
                      count: defaults.length,
                    })
                  : t('{{count}} classes are marked as cluster default', { count: defaults.length })
              }
              data-testid={`${idPrefix}-several`}
            >
              <Content component="p">
                {kind === 'virt'
                  ? t(
                      'Marked: {{names}}. CDI uses the most recently created one, {{className}}, and raises the alert CDIMultipleDefaultVirtStorageClasses. Keep one: the others are set to "false".',
                      { names: defaults.join(', '), className: defaults[0] },
                    )
                  : t(
                      'Marked: {{names}}. Kubernetes uses the most recently created one, {{className}}, which can change when a class is added. Keep one: the others are set to "false".',
                      { names: defaults.join(', '), className: defaults[0] },
                    )}
              </Content>
              <Flex>
                {defaults.map((name) => (
                  <FlexItem key={name}>
                    <Button variant="secondary" isDisabled={disabled} onClick={() => keepOnly(name)}>
                      {t('Keep only {{className}}', { className: name })}
                    </Button>
                  </FlexItem>
                ))}
              </Flex>
            </Alert>
          </StackItem>
        )}

        {ignored.map((i) => (
          <StackItem key={`${i.className}/${i.annotation}`}>
            <Alert
              variant="info"
              isInline
              isPlain
              title={t('{{className}}: {{annotation}} is "{{value}}", which counts as not default', i)}
            >
              {t('Kubernetes and CDI accept only the exact value "true".')}
            </Alert>
          </StackItem>
        ))}

        {started && (
          <StackItem>
            <DefaultClassSwitchProgress {...sw} idPrefix={idPrefix} headingLevel="h4" />
          </StackItem>
        )}

        <StackItem>
          <Form onSubmit={(e) => e.preventDefault()}>
            <FormGroup
              label={kind === 'virt' ? t('New default for virtualization') : t('New cluster default')}
              fieldId={`${idPrefix}-select`}
            >
              <FormSelect
                id={`${idPrefix}-select`}
                value={newName}
                isDisabled={disabled}
                onChange={(_e, v) => setNewName(v)}
              >
                <FormSelectOption value="" label={t('Select a storage class')} isPlaceholder isDisabled />
                {sorted.map((sc) => {
                  const name = metadataName(sc);
                  return (
                    <FormSelectOption
                      key={name}
                      value={name}
                      label={defaults.includes(name) ? `${name} (${kindName(kind)})` : name}
                    />
                  );
                })}
              </FormSelect>
            </FormGroup>
          </Form>
        </StackItem>

        {plan.status === 'already-default' && newName && (
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

        {plan.status === 'ready' && (
          <StackItem>
            <Title headingLevel="h4" size="md">
              {t('What changes')}
            </Title>
            {!started && (
              <ul>
                {whatChanges().map((line) => (
                  <li key={line}>{line}</li>
                ))}
                {bootSourceMove && <li>{bootSourceMove}</li>}
              </ul>
            )}
            <DefaultClassSwitchSteps {...sw} idPrefix={idPrefix} />
          </StackItem>
        )}

        <StackItem>
          <Flex>
            {!sw.outcome && (
              <FlexItem>
                <Button
                  variant="primary"
                  onClick={sw.run}
                  isLoading={sw.isRunning}
                  isDisabled={!canWrite || sw.isRunning || plan.status !== 'ready'}
                >
                  {kind === 'virt' ? t('Switch default for virtualization') : t('Switch cluster default')}
                </Button>
              </FlexItem>
            )}
            {sw.outcome && (
              <FlexItem>
                <Button variant="secondary" onClick={startOver}>
                  {sw.outcome.kind === 'done' ? t('Done') : t('Start over')}
                </Button>
              </FlexItem>
            )}
          </Flex>
        </StackItem>
      </Stack>
    </section>
  );
};

/**
 * The two defaults StorageClasses carry: the cluster (Kubernetes) default and the default for virtualization.
 * Switching one is the shared guarded switch of src/k8s (set the new class, unset the old, undo on failure).
 */
export const DefaultClassesSection = ({ storageClasses }: SettingsSectionProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const access = useAccess(accessAttributes(StorageClassModel, 'patch'));
  const canWrite = access.allowed && !access.loading;
  const classes = storageClasses.data ?? [];

  let body;
  if (storageClasses.status === 'loading') {
    body = <LoadingState />;
  } else if (storageClasses.status !== 'loaded') {
    body = (
      <ErrorAlert
        error={storageClasses.error}
        context="read"
        title={t('Could not read the storage classes')}
      />
    );
  } else {
    body = (
      <Stack hasGutter>
        {!access.loading && !access.allowed && (
          <Alert variant="info" isInline isPlain title={t('Read-only')}>
            {access.reason ?? t('You do not have permission to change this.')}
          </Alert>
        )}
        <DefaultKindPanel kind="virt" classes={classes} canWrite={canWrite} />
        <DefaultKindPanel kind="k8s" classes={classes} canWrite={canWrite} />
      </Stack>
    );
  }

  return (
    <SettingsCard titleId="vsp-default-classes-title" title={t('Default storage classes')}>
      {body}
    </SettingsCard>
  );
};
