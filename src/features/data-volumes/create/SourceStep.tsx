import {
  Alert,
  Button,
  Content,
  Form,
  FormGroup,
  FormSection,
  FormSelect,
  Flex,
  FormSelectOption,
  Grid,
  GridItem,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describedBy, FieldHelp, type FieldMessages } from '../../../components/FieldHelp';
import { NamespaceField } from '../../../components/NamespaceField';
import { VerbatimError } from '../../../components/VerbatimError';
import { formatQuantity } from '../../../k8s/quantity';
import { clonePermissionsPath } from '../../../routes';
import { DV_SOURCE_KINDS, isCloneKind, type DataVolumeForm, type DvSourceKind } from '../logic/dv-form';
import { fieldId, fieldMessages, type DvField } from './field-messages';
import type { StepProps } from './step-props';
import { cloneCheckTitle, type CloneCheck } from './use-clone-check';
import { useDvProblemText } from './use-problem-text';
import type { SourceFacts } from './use-source-facts';

export interface SourceStepProps extends StepProps {
  facts: SourceFacts;
  /** The list shows all namespaces: the user picks the target namespace here. */
  askNamespace: boolean;
  /** The permission check of a clone from another namespace; `checkNamespace` is where it asked. */
  cloneCheck: CloneCheck;
  checkNamespace: string | undefined;
  onRecheck: () => void;
}

type CloneKind = 'pvc' | 'snapshot' | 'dataSource';

/** The permission check's answer, in words, with the way to get the permission when it is missing. */
export const CloneCheckAlert = ({
  check,
  sourceNamespace,
  onRecheck,
}: {
  check: CloneCheck;
  sourceNamespace: string;
  onRecheck: () => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const recheck = (
    <Button variant="link" isInline onClick={onRecheck}>
      {t('Check again')}
    </Button>
  );
  switch (check.state) {
    case 'not-needed':
      return null;
    case 'checking':
      return (
        <Alert
          variant="info"
          isInline
          isPlain
          title={t('Checking whether you may clone from {{nsName}}…', { nsName: sourceNamespace })}
        />
      );
    case 'allowed':
      return (
        <Alert
          variant="success"
          isInline
          title={t('You may clone from {{nsName}}', { nsName: sourceNamespace })}
          data-testid="vsp-dv-clone-check"
        >
          {check.via === 'pods'
            ? t('You may create pods there, which CDI accepts in place of create on datavolumes/source.')
            : t('You may create datavolumes/source there, which CDI asks before it clones.')}
        </Alert>
      );
    case 'denied':
      return (
        <Alert
          variant="danger"
          isInline
          title={cloneCheckTitle(t, 'denied', sourceNamespace)}
          data-testid="vsp-dv-clone-check"
          actionLinks={
            <Flex spaceItems={{ default: 'spaceItemsLg' }}>
              <Link to={clonePermissionsPath(sourceNamespace)}>{t('Grant clone permission')}</Link>
              {recheck}
            </Flex>
          }
        >
          {t(
            'Cloning from another namespace needs create on datavolumes/source (or on pods) in the source namespace. Someone who administers {{nsName}} can grant it on the Clone permissions page.',
            { nsName: sourceNamespace },
          )}
        </Alert>
      );
    case 'error':
      return (
        <Alert
          variant="warning"
          isInline
          title={cloneCheckTitle(t, 'error', sourceNamespace)}
          data-testid="vsp-dv-clone-check"
          actionLinks={recheck}
        >
          <VerbatimError error={check.error} />
          <Content component="p">{t('CDI checks it when the DataVolume is created.')}</Content>
        </Alert>
      );
  }
};

export const SourceStep = ({
  form,
  setForm,
  problems,
  showErrors,
  facts,
  askNamespace,
  cloneCheck,
  checkNamespace,
  onRecheck,
}: SourceStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const text = useDvProblemText();
  const [touched, setTouched] = useState<ReadonlySet<DvField>>(new Set());
  const touch = (f: DvField) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f)));
  const state = (f: DvField): FieldMessages =>
    fieldMessages(problems, f, showErrors || touched.has(f), text, form);

  const kindLabel: Record<DvSourceKind, { label: string; description: string }> = {
    http: {
      label: t('HTTP / HTTPS'),
      description: t(
        'Import a disk image (qcow2, raw, iso, optionally compressed) or an archive from a URL.',
      ),
    },
    registry: {
      label: t('Container registry'),
      description: t('Import a disk image packed in a container image (a containerDisk).'),
    },
    upload: {
      label: t('Upload'),
      description: t('Create an empty volume that waits for you to upload an image (virtctl image-upload).'),
    },
    blank: { label: t('Blank'), description: t('An empty disk, e.g. for data or an installation target.') },
    pvc: {
      label: t('Clone a PVC'),
      description: t('Copy an existing PersistentVolumeClaim, from this or another namespace.'),
    },
    snapshot: {
      label: t('Clone a VolumeSnapshot'),
      description: t('Restore a VolumeSnapshot into a new volume, from this or another namespace.'),
    },
    dataSource: {
      label: t('DataSource'),
      description: t('Clone what a DataSource points at (e.g. a golden image kept up to date by a cron).'),
    },
  };

  const input = (
    f: DvField,
    label: string,
    value: string,
    onChange: (v: string) => void,
    opts: { required?: boolean; hint?: ReactNode; placeholder?: string } = {},
  ) => {
    const s = state(f);
    return (
      <FormGroup label={label} isRequired={opts.required} fieldId={fieldId(f)}>
        <TextInput
          id={fieldId(f)}
          value={value}
          isRequired={opts.required}
          placeholder={opts.placeholder}
          autoComplete="off"
          onChange={(_e, v) => onChange(v)}
          onBlur={() => touch(f)}
          {...describedBy(s, opts.hint)}
        />
        <FieldHelp state={s} hint={opts.hint} />
      </FormGroup>
    );
  };
  const plain = (id: string, label: string, value: string, onChange: (v: string) => void, hint: string) => (
    <FormGroup label={label} fieldId={id}>
      <TextInput
        id={id}
        value={value}
        autoComplete="off"
        onChange={(_e, v) => onChange(v)}
        aria-describedby={`${id}-help`}
      />
      <FieldHelp
        state={{ errors: [], warnings: [], validated: 'default', helpId: `${id}-help` }}
        hint={hint}
      />
    </FormGroup>
  );

  // The optional Secret and CA ConfigMap of an HTTP or registry import; only the help texts differ.
  const credentials = (kind: 'http' | 'registry', secretHint: string, certHint: string) => {
    const set = (patch: Partial<(typeof form)[typeof kind]>) =>
      setForm((f) => ({ ...f, [kind]: { ...f[kind], ...patch } }));
    return (
      <>
        {plain(
          `vsp-dv-${kind}-secret`,
          t('Secret name (optional)'),
          form[kind].secretRef,
          (v) => set({ secretRef: v }),
          secretHint,
        )}
        {plain(
          `vsp-dv-${kind}-cert`,
          t('CA ConfigMap name (optional)'),
          form[kind].certConfigMap,
          (v) => set({ certConfigMap: v }),
          certHint,
        )}
      </>
    );
  };

  const nsState = state('namespace');

  const cloneFields = (kind: CloneKind) => {
    const ref = form[kind];
    const sourceNs = ref.namespace || form.namespace;
    const set = (patch: Partial<typeof ref>) => setForm((f) => ({ ...f, [kind]: { ...f[kind], ...patch } }));
    const nsS = state('source.namespace');
    const nameS = state('source.name');
    const what = kind === 'pvc' ? t('PVC') : kind === 'snapshot' ? t('VolumeSnapshot') : t('DataSource');
    const sizeText = facts.chosen?.size ? formatQuantity(facts.chosen.size) : undefined;
    const pointsAt = facts.chosen?.target
      ? facts.chosen.target.kind === 'pvc'
        ? t('Points at PVC {{nsName}}/{{name}}.', {
            nsName: facts.chosen.target.namespace,
            name: facts.chosen.target.name,
          })
        : t('Points at VolumeSnapshot {{nsName}}/{{name}}.', {
            nsName: facts.chosen.target.namespace,
            name: facts.chosen.target.name,
          })
      : undefined;
    const hint =
      [sizeText ? t('Source size: {{size}}.', { size: sizeText }) : undefined, pointsAt]
        .filter(Boolean)
        .join(' ') || undefined;
    const listHint =
      facts.optionsState === 'forbidden' || facts.optionsState === 'error'
        ? t('You cannot list them in {{nsName}}: type the name.', { nsName: sourceNs })
        : undefined;
    return (
      <>
        <FormGroup label={t('Source namespace')} isRequired fieldId={fieldId('source.namespace')}>
          <NamespaceField
            id={fieldId('source.namespace')}
            value={sourceNs}
            namespaces={facts.namespaces}
            onChange={(v) => {
              set({ namespace: v === form.namespace ? '' : v });
              touch('source.namespace');
            }}
            validated={nsS.errors.length > 0 ? 'error' : 'default'}
            describedBy={nsS.errors.length > 0 ? nsS.helpId : undefined}
          />
          <FieldHelp state={nsS} />
        </FormGroup>
        <FormGroup label={t('{{what}} name', { what })} isRequired fieldId={fieldId('source.name')}>
          {facts.optionsState === 'loading' ? (
            // Not a text field that turns into a list under the user's typing: a list that is loading.
            <FormSelect id={fieldId('source.name')} value="" isDisabled onChange={() => undefined}>
              <FormSelectOption value="" label={t('Loading the list of {{what}}…', { what })} isPlaceholder />
            </FormSelect>
          ) : facts.options ? (
            <FormSelect
              id={fieldId('source.name')}
              value={ref.name}
              onChange={(_e, v) => {
                set({ name: v });
                touch('source.name');
              }}
              onBlur={() => touch('source.name')}
              {...describedBy(nameS, hint)}
              validated={nameS.errors.length > 0 ? 'error' : 'default'}
            >
              <FormSelectOption
                value=""
                label={
                  facts.options.length === 0
                    ? t('None in {{nsName}}', { nsName: sourceNs })
                    : t('Choose a {{what}}', { what })
                }
                isPlaceholder
              />
              {!facts.chosen && ref.name && <FormSelectOption value={ref.name} label={ref.name} />}
              {facts.options.map((o) => (
                <FormSelectOption
                  key={o.name}
                  value={o.name}
                  label={o.size ? `${o.name} (${formatQuantity(o.size) ?? o.size})` : o.name}
                />
              ))}
            </FormSelect>
          ) : (
            <TextInput
              id={fieldId('source.name')}
              value={ref.name}
              autoComplete="off"
              onChange={(_e, v) => set({ name: v })}
              onBlur={() => touch('source.name')}
              {...describedBy(nameS, hint ?? listHint)}
            />
          )}
          <FieldHelp state={nameS} hint={hint ?? listHint} />
        </FormGroup>
        {checkNamespace && (
          <CloneCheckAlert check={cloneCheck} sourceNamespace={checkNamespace} onRecheck={onRecheck} />
        )}
      </>
    );
  };

  const contentTypeState = state('contentType');

  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      {input('name', t('Name'), form.name, (v) => setForm((f) => ({ ...f, name: v })), {
        required: true,
        hint: t('The PVC that holds the data gets the same name.'),
      })}
      {askNamespace && (
        <FormGroup label={t('Namespace')} isRequired fieldId={fieldId('namespace')}>
          <NamespaceField
            id={fieldId('namespace')}
            value={form.namespace}
            namespaces={facts.namespaces}
            onChange={(v) => {
              setForm((f) => ({ ...f, namespace: v }));
              touch('namespace');
            }}
            validated={nsState.errors.length > 0 ? 'error' : 'default'}
            describedBy={nsState.errors.length > 0 ? nsState.helpId : undefined}
          />
          <FieldHelp state={nsState} />
        </FormGroup>
      )}

      <FormGroup role="radiogroup" isStack label={t('Source')} fieldId="vsp-dv-source-kind" isRequired>
        <Grid hasGutter>
          {DV_SOURCE_KINDS.map((kind) => (
            <GridItem md={6} key={kind}>
              <Radio
                id={`vsp-dv-kind-${kind}`}
                name="vsp-dv-source-kind"
                label={kindLabel[kind].label}
                description={kindLabel[kind].description}
                isChecked={form.sourceKind === kind}
                onChange={() => setForm((f) => ({ ...f, sourceKind: kind }))}
              />
            </GridItem>
          ))}
        </Grid>
      </FormGroup>

      <FormSection title={kindLabel[form.sourceKind].label} titleElement="h3">
        {form.sourceKind === 'http' && (
          <>
            {input(
              'http.url',
              t('URL'),
              form.http.url,
              (v) => setForm((f) => ({ ...f, http: { ...f.http, url: v } })),
              {
                required: true,
                placeholder: 'https://example.com/images/disk.qcow2',
                hint: t('http://, https:// or gs://. CDI detects the format and decompresses gz and xz.'),
              },
            )}
            {credentials(
              'http',
              t('A Secret in the target namespace with accessKeyId and secretKey for basic authentication.'),
              t('A ConfigMap in the target namespace with the CA certificate of a server that uses TLS.'),
            )}
          </>
        )}
        {form.sourceKind === 'registry' && (
          <>
            {input(
              'registry.url',
              t('Image URL'),
              form.registry.url,
              (v) => setForm((f) => ({ ...f, registry: { ...f.registry, url: v } })),
              {
                required: true,
                placeholder: 'docker://quay.io/containerdisks/fedora:latest',
                hint: t('docker://… or oci-archive://…'),
              },
            )}
            <FormGroup role="radiogroup" isStack label={t('Pull method')} fieldId="vsp-dv-pull-method">
              <Radio
                id="vsp-dv-pull-pod"
                name="vsp-dv-pull-method"
                label={t('Pod (the importer pulls)')}
                description={t(
                  "CDI's importer pod downloads the image itself, using the Secret and CA below; it needs scratch space.",
                )}
                isChecked={form.registry.pullMethod === 'pod'}
                onChange={() => setForm((f) => ({ ...f, registry: { ...f.registry, pullMethod: 'pod' } }))}
              />
              <Radio
                id="vsp-dv-pull-node"
                name="vsp-dv-pull-method"
                label={t('Node (the container runtime pulls)')}
                description={t(
                  "The node's container runtime pulls the image, using the node's pull secrets and cache; no scratch space.",
                )}
                isChecked={form.registry.pullMethod === 'node'}
                onChange={() => setForm((f) => ({ ...f, registry: { ...f.registry, pullMethod: 'node' } }))}
              />
            </FormGroup>
            {credentials(
              'registry',
              t('A Secret in the target namespace with accessKeyId and secretKey for the registry.'),
              t('A ConfigMap in the target namespace with the CA certificate of the registry.'),
            )}
          </>
        )}
        {form.sourceKind === 'upload' && (
          <Content component="p">
            {t(
              'After Create the DataVolume waits in phase UploadReady; the wizard then shows the virtctl command that uploads a local image.',
            )}
          </Content>
        )}
        {form.sourceKind === 'blank' && (
          <Content component="p">{t('CDI creates an empty disk image of the chosen size.')}</Content>
        )}
        {isCloneKind(form.sourceKind) && cloneFields(form.sourceKind as CloneKind)}
      </FormSection>

      <FormGroup role="radiogroup" isStack label={t('Content type')} fieldId="vsp-dv-content-type">
        <Radio
          id="vsp-dv-content-kubevirt"
          name="vsp-dv-content-type"
          label={t('Disk image (kubevirt)')}
          description={t('The data is a virtual machine disk: CDI converts it to a raw disk.img.')}
          isChecked={form.contentType === 'kubevirt'}
          onChange={() => setForm((f) => ({ ...f, contentType: 'kubevirt' }))}
        />
        <Radio
          id="vsp-dv-content-archive"
          name="vsp-dv-content-type"
          label={t('Archive')}
          description={t('The data is a tar archive: CDI unpacks it onto a filesystem volume.')}
          isChecked={form.contentType === 'archive'}
          onChange={() => {
            setForm((f) => ({ ...f, contentType: 'archive' }));
            touch('contentType');
          }}
          aria-describedby={contentTypeState.errors.length > 0 ? contentTypeState.helpId : undefined}
          aria-invalid={contentTypeState.errors.length > 0 ? true : undefined}
        />
        <FieldHelp state={contentTypeState} />
      </FormGroup>
    </Form>
  );
};

/** For tests and the Review step: the kinds' short names. */
export const useSourceKindName = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (form: DataVolumeForm): string => {
    switch (form.sourceKind) {
      case 'http':
        return t('HTTP import from {{url}}', { url: form.http.url.trim() });
      case 'registry':
        return t('Registry import of {{url}} (pull by {{method}})', {
          url: form.registry.url.trim(),
          method: form.registry.pullMethod,
        });
      case 'upload':
        return t('Upload');
      case 'blank':
        return t('Blank disk');
      case 'pvc':
        return t('Clone of PVC {{nsName}}/{{name}}', {
          nsName: form.pvc.namespace || form.namespace,
          name: form.pvc.name.trim(),
        });
      case 'snapshot':
        return t('Clone of VolumeSnapshot {{nsName}}/{{name}}', {
          nsName: form.snapshot.namespace || form.namespace,
          name: form.snapshot.name.trim(),
        });
      case 'dataSource':
        return t('Clone through DataSource {{nsName}}/{{name}}', {
          nsName: form.dataSource.namespace || form.namespace,
          name: form.dataSource.name.trim(),
        });
    }
  };
};
