import {
  ActionGroup,
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PatchPreview } from '../../../components/PatchPreview';
import { ResourceFormAlerts } from '../../../components/ResourceFormAlerts';
import { StatusIcon } from '../../../components/StatusIcon';
import { getAtPath } from '../../../k8s/json-patch';
import { hcoFieldName, hcoVersionOf, hyperConvergedModelFor } from '../../../k8s/hco-paths';
import type { HyperConverged } from '../../../k8s/types';
import { useResourceForm, type WriteFailure } from '../../../k8s/use-resource-form';
import {
  addRegistry,
  compareApplied,
  INSECURE_REGISTRIES_FIELD_ID,
  insecureRegistriesField,
  removeRegistry,
  storedProblems,
  validateRegistry,
  type RegistryProblem,
} from '../logic/insecure-registries';
import type { SettingsSectionProps } from './section-props';
import { SettingsCard } from './SettingsCard';

const ID = INSECURE_REGISTRIES_FIELD_ID;

const useProblemText = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (p: RegistryProblem): string => {
    switch (p.code) {
      case 'empty':
        return t('Enter a registry as host or host:port.');
      case 'scheme':
        return t(
          'Leave out the scheme ({{scheme}}://): enter only host or host:port, e.g. registry.example.com:5000.',
          { scheme: p.scheme },
        );
      case 'path':
        return t(
          'Leave out the path: enter only host or host:port. CDI compares the entry with the host of the import URL.',
        );
      case 'user-info':
        return t('Leave out user names and passwords: enter only host or host:port.');
      case 'whitespace':
        return t('A registry has no spaces.');
      case 'bad-host':
        return t(
          'Not a valid host name or IP address (letters, digits, hyphens and dots; IPv6 in brackets).',
        );
      case 'bad-port':
        return t('"{{port}}" is not a port: use a number from 1 to 65535.', { port: p.port });
      case 'duplicate':
        return t('This registry is already in the list.');
      default:
        return '';
    }
  };
};

/**
 * `storageImport.insecureRegistries` of the HyperConverged (under `spec` in v1beta1, `spec.storage` in v1): add and remove registries CDI pulls from
 * without TLS verification, as one guarded write of the whole list, with what CDI applies beside it.
 */
export const InsecureRegistriesSection = ({ hco, cdiConfig, canWrite }: SettingsSectionProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const problemText = useProblemText();
  const [draft, setDraft] = useState('');
  const [draftProblem, setDraftProblem] = useState<RegistryProblem>();
  const [saved, setSaved] = useState(false);
  const version = hcoVersionOf(hco);
  const field = useMemo(() => insecureRegistriesField(version), [version]);
  const fields = useMemo(() => [field], [field]);
  const form = useResourceForm<HyperConverged>({
    model: hyperConvergedModelFor(version),
    object: hco,
    fields,
    onSaved: () => setSaved(true),
  });

  const list = form.value<string[]>(ID);
  const stored = getAtPath(form.session.base, field.path);
  const base = field.read?.(stored.value, stored.found) ?? [];
  const removed = base.filter((e) => !list.includes(e));
  const rows = [...list, ...removed];
  const problems = storedProblems(base);
  const applied =
    cdiConfig.status === 'loaded' ? (cdiConfig.data?.spec?.insecureRegistries ?? []) : undefined;
  const appliedState = compareApplied(base, applied);
  const disabled = !canWrite || form.isPending;
  const patch = Array.isArray(form.patch) ? form.patch : [];

  const add = () => {
    const problem = validateRegistry(draft, list);
    setDraftProblem(problem);
    if (problem) return;
    setSaved(false);
    form.set(ID, addRegistry(list, draft));
    setDraft('');
  };
  const remove = (entry: string) => {
    setSaved(false);
    form.set(ID, removeRegistry(list, entry));
  };
  const restore = (entry: string) => {
    setSaved(false);
    form.set(ID, [...list, entry]);
  };

  const failureTitle = (f: WriteFailure) =>
    f.conflict
      ? t('Someone else changed the insecure registries, so nothing was saved')
      : t('Could not save the insecure registries');
  const formatValue = (_id: string, value: unknown): ReactNode =>
    Array.isArray(value) && value.length > 0 ? value.join(', ') : t('None');

  const rowLabel = (entry: string) => {
    if (!base.includes(entry)) return <Label color="blue">{t('To be added')}</Label>;
    if (!list.includes(entry)) return <Label color="orange">{t('To be removed')}</Label>;
    return null;
  };

  const appliedText = (): ReactNode => {
    if (cdiConfig.status === 'loading') return t('Loading…');
    if (applied === undefined) {
      return cdiConfig.status === 'forbidden'
        ? t('Unknown: you may not read CDIConfig.')
        : t('Unknown: CDIConfig could not be read.');
    }
    return applied.length > 0 ? applied.join(', ') : t('None');
  };

  return (
    <SettingsCard titleId="vsp-insecure-registries-title" title={t('Insecure registries')}>
      <StackItem>
        <Content component="p">
          {t(
            'Container registries CDI imports from without verifying their TLS certificate (or over plain HTTP). Each entry is host or host:port, compared with the host of a docker:// import URL. Stored in the HyperConverged ({{field}}) and copied by HCO to CDI.',
            { field: hcoFieldName('insecureRegistries', version) },
          )}
        </Content>
      </StackItem>
      <StackItem>
        <Alert variant="warning" isInline title={t('TLS is not verified for these registries')}>
          <Content component="p">
            {t(
              'Anyone between the cluster and such a registry can read or replace the images CDI imports (man-in-the-middle), and every import from it, in every namespace, is affected.',
            )}
          </Content>
          <Content component="p">
            {t(
              'Prefer trusting the registry instead: put its CA certificate in a ConfigMap and name it in the import source (certConfigMap of the registry source of a DataVolume or boot source).',
            )}
          </Content>
        </Alert>
      </StackItem>
      <StackItem>
        <ResourceFormAlerts
          form={form}
          fieldLabel={() => t('Insecure registries')}
          formatValue={formatValue}
          failureTitle={failureTitle}
        />
      </StackItem>
      {saved && !form.hasEdits && (
        <StackItem>
          <Alert
            variant="success"
            isInline
            title={t('Insecure registries saved. HCO copies them to CDI shortly.')}
          />
        </StackItem>
      )}
      {problems.length > 0 && (
        <StackItem>
          <Alert variant="warning" isInline title={t('Entries CDI never matches')}>
            <ul>
              {problems.map(({ entry, problem }) => (
                <li key={entry}>
                  {entry}: {problemText(problem)}
                </li>
              ))}
            </ul>
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Configured (HyperConverged)')}</DescriptionListTerm>
            <DescriptionListDescription>
              {base.length > 0 ? base.join(', ') : t('None')}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Applied by CDI (CDIConfig)')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="vsp-insecure-registries-applied">
              {appliedText()}
              {appliedState.kind === 'differs' && (
                <div>
                  <StatusIcon status="in-progress">
                    {t(
                      'Not applied yet: HCO and CDI copy the configured list shortly. Only configured: {{configured}}. Only applied: {{applied}}.',
                      {
                        configured: appliedState.onlyConfigured.join(', ') || t('none'),
                        applied: appliedState.onlyApplied.join(', ') || t('none'),
                      },
                    )}
                  </StatusIcon>
                </div>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </StackItem>
      <StackItem>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (form.canSave && canWrite) form.save();
          }}
        >
          <Title headingLevel="h3" size="md" id="vsp-insecure-registries-list">
            {t('Registries')}
          </Title>
          {rows.length === 0 ? (
            <Content component="p">
              {t('No insecure registries: CDI verifies TLS for every registry.')}
            </Content>
          ) : (
            <ul className="vsp-plain-list" aria-labelledby="vsp-insecure-registries-list">
              {rows.map((entry) => (
                <li key={entry} data-testid={`vsp-insecure-registry-${entry}`}>
                  <Flex alignItems={{ default: 'alignItemsCenter' }}>
                    <FlexItem>{list.includes(entry) ? entry : <s>{entry}</s>}</FlexItem>
                    <FlexItem>{rowLabel(entry)}</FlexItem>
                    <FlexItem>
                      {list.includes(entry) ? (
                        <Button
                          variant="link"
                          isInline
                          isDisabled={disabled}
                          onClick={() => remove(entry)}
                          aria-label={t('Remove {{registry}}', { registry: entry })}
                        >
                          {t('Remove')}
                        </Button>
                      ) : (
                        <Button
                          variant="link"
                          isInline
                          isDisabled={disabled}
                          onClick={() => restore(entry)}
                          aria-label={t('Keep {{registry}}', { registry: entry })}
                        >
                          {t('Keep')}
                        </Button>
                      )}
                    </FlexItem>
                  </Flex>
                </li>
              ))}
            </ul>
          )}
          <FormGroup label={t('Add a registry')} fieldId="vsp-insecure-registry-input">
            <Flex>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput
                  id="vsp-insecure-registry-input"
                  value={draft}
                  placeholder="registry.example.com:5000"
                  isDisabled={disabled}
                  validated={draftProblem ? 'error' : 'default'}
                  aria-describedby="vsp-insecure-registry-help"
                  onChange={(_e, v) => {
                    setDraft(v);
                    setDraftProblem(undefined);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add();
                    }
                  }}
                />
              </FlexItem>
              <FlexItem>
                <Button variant="secondary" isDisabled={disabled} onClick={add}>
                  {t('Add')}
                </Button>
              </FlexItem>
            </Flex>
            <FormHelperText>
              <HelperText id="vsp-insecure-registry-help">
                {draftProblem ? (
                  <HelperTextItem variant="error">{problemText(draftProblem)}</HelperTextItem>
                ) : (
                  <HelperTextItem>
                    {t('host or host:port, without scheme or path, e.g. registry.example.com:5000')}
                  </HelperTextItem>
                )}
              </HelperText>
            </FormHelperText>
          </FormGroup>
          {form.hasEdits && (
            <>
              <Content component="p">{t('This JSON patch is sent to the HyperConverged resource:')}</Content>
              <PatchPreview patch={patch} id="vsp-insecure-registries-patch" />
            </>
          )}
          <ActionGroup>
            <Button
              type="submit"
              variant="primary"
              isDisabled={!canWrite || !form.canSave}
              isLoading={form.isPending}
            >
              {t('Save')}
            </Button>
            <Button
              variant="link"
              isDisabled={!form.hasEdits || form.isPending}
              onClick={() => {
                form.discard();
                setDraftProblem(undefined);
              }}
            >
              {t('Discard changes')}
            </Button>
          </ActionGroup>
        </Form>
      </StackItem>
    </SettingsCard>
  );
};
