import { Alert, CodeBlock, CodeBlockCode, Content, Stack, StackItem, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { defaultAnnotation, type DefaultKind } from '../k8s/default-storage-class';
import type { DefaultClassSwitch, ManualFix, PreviewStep, StepStatus } from '../k8s/use-default-class-switch';
import { ErrorAlert } from './ErrorAlert';
import { VerbatimError } from './VerbatimError';
import { PatchPreview } from './PatchPreview';
import { StatusIcon, type StatusKind } from './StatusIcon';

/**
 * The shared view of a default-class switch (`useDefaultClassSwitch`): the ordered guarded patches before it
 * runs (`DefaultClassSwitchSteps`), and the per-step progress and outcome, with rollback and the by-hand fix
 * when an undo failed (`DefaultClassSwitchProgress`). Both take what the hook returns plus an id prefix, so
 * several switches can live on one page.
 */
export type DefaultClassSwitchViewProps = Pick<
  DefaultClassSwitch,
  'plan' | 'preview' | 'rollbackPreview' | 'progress' | 'outcome'
> & {
  /** Unique per switch on the page, e.g. `vsp-boot-source-class`. */
  idPrefix: string;
  headingLevel?: 'h3' | 'h4';
};

const STATUS_ICON: Record<StepStatus, StatusKind> = {
  pending: 'unknown',
  running: 'in-progress',
  done: 'success',
  failed: 'danger',
  'not-run': 'unknown',
  undoing: 'in-progress',
  'rolled-back': 'info',
  'rollback-failed': 'danger',
};

/** `oc annotate` for a manual fix: `key=value --overwrite`, or `key-` to remove. */
const fixCommand = (fix: ManualFix): string =>
  `oc annotate storageclass ${fix.className} ${fix.changes
    .map(({ path, value }) =>
      value === undefined ? `${String(path[2])}-` : `${String(path[2])}=${String(value)}`,
    )
    .join(' ')} --overwrite`;

/** "default for virtualization" / "cluster default", as the switch texts name the two kinds. */
export const useDefaultKindName = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (k: DefaultKind) => (k === 'virt' ? t('default for virtualization') : t('cluster default'));
};

/** The guarded patches the switch sends, in order, and the undo patches sent only if a later step fails. */
export const DefaultClassSwitchSteps = ({
  plan,
  preview,
  rollbackPreview,
  idPrefix,
}: DefaultClassSwitchViewProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const kindName = useDefaultKindName();
  const annotation = defaultAnnotation(plan.kind);
  if (plan.status !== 'ready') return null;

  const stepTitle = (s: PreviewStep, n: number) => {
    switch (s.role) {
      case 'set-new':
        return t('Step {{n}}: make {{className}} the {{kind}} ({{annotation}}: "true")', {
          n,
          className: s.className,
          kind: kindName(plan.kind),
          annotation,
        });
      case 'unset-old':
        return t(
          'Step {{n}}: the previous default {{className}} is no longer the {{kind}} (annotation set to "false")',
          {
            n,
            className: s.className,
            kind: kindName(plan.kind),
          },
        );
      default:
        return t('Only if a later step fails: undo the change on {{className}}', { className: s.className });
    }
  };

  return (
    <>
      <Content component="p">
        {t(
          'The switch is sent as guarded patches in this order. The new class is marked first, so there is never a moment without a default; if a later step fails, the earlier ones are undone.',
        )}
      </Content>
      <Stack hasGutter component="ol" className="vsp-plain-list">
        {preview.map((s, i) => (
          <StackItem component="li" key={s.id}>
            <Content component="p">{stepTitle(s, i + 1)}</Content>
            <PatchPreview patch={s.patch} id={`${idPrefix}-patch-${i}`} />
          </StackItem>
        ))}
        {rollbackPreview.map((s, i) => (
          <StackItem component="li" key={s.id}>
            <Content component="p">{stepTitle(s, 0)}</Content>
            <PatchPreview patch={s.patch} id={`${idPrefix}-undo-${i}`} />
          </StackItem>
        ))}
      </Stack>
    </>
  );
};

/** Per-step progress of a running or finished switch, then its outcome. Renders nothing before it runs. */
export const DefaultClassSwitchProgress = ({
  plan,
  progress,
  outcome,
  idPrefix,
  headingLevel = 'h3',
}: DefaultClassSwitchViewProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const kindName = useDefaultKindName();
  if (progress.length === 0 && !outcome) return null;

  const statusText: Record<StepStatus, string> = {
    pending: t('Waiting'),
    running: t('Sending'),
    done: t('Done'),
    failed: t('Failed'),
    'not-run': t('Not sent'),
    undoing: t('Undoing'),
    'rolled-back': t('Undone'),
    'rollback-failed': t('Undo failed'),
  };

  const describeFix = (fix: ManualFix) =>
    fix.changes
      .map(({ path, value }) =>
        value === undefined
          ? t('remove the annotation {{annotation}}', { annotation: String(path[2]) })
          : t('set {{annotation}} to "{{value}}"', { annotation: String(path[2]), value: String(value) }),
      )
      .join('; ');

  return (
    <Stack hasGutter>
      {progress.length > 0 && (
        <StackItem>
          <Title headingLevel={headingLevel} size="md" id={`${idPrefix}-progress`}>
            {t('Progress')}
          </Title>
          <ol className="vsp-plain-list" aria-labelledby={`${idPrefix}-progress`} aria-live="polite">
            {progress.map((p, i) => (
              <li key={p.id} data-testid={`switch-step-${p.id}`}>
                <StatusIcon status={STATUS_ICON[p.status]} srText="">
                  {t('Step {{n}} ({{className}}): {{status}}', {
                    n: i + 1,
                    className: p.className,
                    status: statusText[p.status],
                  })}
                </StatusIcon>
              </li>
            ))}
          </ol>
        </StackItem>
      )}

      {outcome && (
        <StackItem>
          {outcome.kind === 'done' && (
            <Alert
              variant="success"
              isInline
              title={t('{{className}} is now the {{kind}}', {
                className: outcome.newClass,
                kind: kindName(plan.kind),
              })}
            />
          )}
          {outcome.kind === 'failed' && (
            <ErrorAlert
              error={outcome.failed.error}
              title={
                outcome.failed.conflict
                  ? t('{{className}} was changed by someone else meanwhile; nothing was changed', {
                      className: outcome.failed.className,
                    })
                  : t('Could not change {{className}}; nothing was changed', {
                      className: outcome.failed.className,
                    })
              }
            />
          )}
          {outcome.kind === 'rolled-back' && (
            <ErrorAlert
              error={outcome.failed.error}
              title={
                outcome.failed.conflict
                  ? t(
                      '{{className}} was changed by someone else meanwhile; the earlier steps were undone and the defaults are as before',
                      { className: outcome.failed.className },
                    )
                  : t(
                      'Could not change {{className}}; the earlier steps were undone and the defaults are as before',
                      { className: outcome.failed.className },
                    )
              }
            />
          )}
          {outcome.kind === 'rollback-failed' && (
            <Stack hasGutter>
              <Alert
                variant="danger"
                isInline
                title={t('Could not change {{className}}', { className: outcome.failed.className })}
              >
                <VerbatimError error={outcome.failed.error} />
              </Alert>
              <Alert variant="danger" isInline title={t('The switch could not be undone: fix it by hand')}>
                <Content component="p">
                  {outcome.defaultsNow.length === 0
                    ? t('As far as this dialog knows, no class is the {{kind}} now.', {
                        kind: kindName(plan.kind),
                      })
                    : t(
                        'As far as this dialog knows, the {{kind}} is now marked on: {{names}}. In use: {{first}} (the most recently created).',
                        {
                          kind: kindName(plan.kind),
                          names: outcome.defaultsNow.join(', '),
                          first: outcome.defaultsNow[0],
                        },
                      )}
                </Content>
                {outcome.fixes.map((fix) => (
                  <div key={fix.className}>
                    <Content component="p">
                      {t('On {{className}}: {{fix}}.', {
                        className: fix.className,
                        fix: describeFix(fix),
                      })}
                    </Content>
                    <CodeBlock>
                      <CodeBlockCode>{fixCommand(fix)}</CodeBlockCode>
                    </CodeBlock>
                    <Content component="p">
                      {t('Why undoing on {{className}} failed:', { className: fix.className })}
                    </Content>
                    <VerbatimError error={fix.error} />
                  </div>
                ))}
              </Alert>
            </Stack>
          )}
        </StackItem>
      )}
    </Stack>
  );
};
