import { Alert, Content, Form, FormGroup, Label, Radio, Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldHelp } from '../../../components/FieldHelp';
import type { ReusableCloneRole } from '../logic/rbac-rules';
import { fieldId, NameField, type FieldStateOf } from './fields';

export interface RoleValues {
  mode: 'reuse' | 'create';
  reuseName: string;
  createName: string;
  verbs: 'create' | 'all';
}

export interface RoleStepProps {
  values: RoleValues;
  update: (values: Partial<RoleValues>) => void;
  touch: () => void;
  fieldState: FieldStateOf;
  /** Undefined: ClusterRoles could not be read (then an existing role is named by hand). */
  reusable: ReusableCloneRole[] | undefined;
  behaviour: 'view-grants-clone' | 'explicit-grant-needed' | 'unknown';
}

export const RoleStep = ({ values, update, touch, fieldState, reusable, behaviour }: RoleStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const roleState = fieldState('roleName');
  const canReuse = reusable === undefined || reusable.length > 0;
  return (
    <Stack hasGutter>
      {behaviour === 'view-grants-clone' && (
        <Alert variant="info" isInline title={t('On this cluster, viewers may already clone')}>
          {t(
            'CDI up to v1.65 adds create on datavolumes/source to the view role (cdi.kubevirt.io:view is aggregated into view, edit and admin): anyone who may view the source namespace may already clone from it. A grant is needed for subjects without view there, typically the service account of another namespace. From CDI v1.66 on, only explicit grants such as this one allow it.',
          )}
        </Alert>
      )}
      {behaviour === 'explicit-grant-needed' && (
        <Alert variant="info" isInline title={t('On this cluster, cloning needs an explicit grant')}>
          {t(
            'CDI v1.66 and later no longer let viewers clone: only a binding like this one allows clones from another namespace.',
          )}
        </Alert>
      )}
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup role="radiogroup" label={t('Role')} fieldId="vsp-grant-role-mode" isStack>
          <Radio
            id="vsp-grant-role-mode-reuse"
            name="vsp-grant-role-mode"
            label={t('Use an existing ClusterRole that grants exactly this')}
            description={
              canReuse
                ? t('Nothing new at cluster level: only a RoleBinding is created.')
                : t('No ClusterRole grants only cloning yet.')
            }
            isDisabled={!canReuse}
            isChecked={values.mode === 'reuse'}
            onChange={() => update({ mode: 'reuse' })}
          />
          <Radio
            id="vsp-grant-role-mode-create"
            name="vsp-grant-role-mode"
            label={t('Create a ClusterRole')}
            description={t('A ClusterRole that grants cloning and nothing else, then a RoleBinding of it.')}
            isChecked={values.mode === 'create'}
            onChange={() => update({ mode: 'create' })}
          />
        </FormGroup>

        {values.mode === 'reuse' && reusable && (
          <FormGroup
            role="radiogroup"
            label={t('Existing ClusterRole')}
            fieldId={fieldId('roleName')}
            isStack
            isRequired
          >
            {reusable.map((r) => (
              <Radio
                key={r.name}
                id={`vsp-grant-reuse-${r.name.replace(/[^a-zA-Z0-9-]/g, '-')}`}
                name="vsp-grant-reuse"
                label={
                  <>
                    {r.name}{' '}
                    {r.recommended ? (
                      <Label color="green" isCompact>
                        {t('Recommended')}
                      </Label>
                    ) : (
                      <Label color="orange" isCompact>
                        {t('Broader')}
                      </Label>
                    )}
                  </>
                }
                description={
                  r.verbs === 'create'
                    ? t('create on datavolumes/source only.')
                    : t(
                        'All verbs (*) on datavolumes/source. A namespace admin cannot bind it (the server refuses it as escalation).',
                      )
                }
                isChecked={values.reuseName === r.name}
                onChange={() => update({ reuseName: r.name })}
                aria-describedby={
                  roleState.errors.length + roleState.warnings.length > 0 ? roleState.helpId : undefined
                }
              />
            ))}
            <FieldHelp state={roleState} />
          </FormGroup>
        )}
        {values.mode === 'reuse' && !reusable && (
          <NameField
            field="roleName"
            label={t('ClusterRole name')}
            value={values.reuseName}
            state={roleState}
            onChange={(v) => update({ reuseName: v })}
            onBlur={touch}
            hint={t('ClusterRoles could not be read, so the name is not checked.')}
          />
        )}

        {values.mode === 'create' && (
          <>
            <NameField
              field="roleName"
              label={t('ClusterRole name')}
              value={values.createName}
              state={roleState}
              onChange={(v) => update({ createName: v })}
              onBlur={touch}
            />
            <FormGroup role="radiogroup" label={t('Permission')} fieldId="vsp-grant-verbs" isStack>
              <Radio
                id="vsp-grant-verbs-create"
                name="vsp-grant-verbs"
                label={t('create on datavolumes/source (least privilege, recommended)')}
                description={t('Exactly what CDI checks before it clones: nothing more.')}
                isChecked={values.verbs === 'create'}
                onChange={() => update({ verbs: 'create' })}
              />
              <Radio
                id="vsp-grant-verbs-all"
                name="vsp-grant-verbs"
                label={t('All verbs (*) on datavolumes/source, as the OpenShift documentation example')}
                description={t(
                  'Also every other verb on that virtual subresource (delete, update, ...) today, and any verb CDI checks there in a future version. Binding it requires holding all verbs there yourself: a namespace admin who binds it gets an escalation refusal.',
                )}
                isChecked={values.verbs === 'all'}
                onChange={() => update({ verbs: 'all' })}
              />
            </FormGroup>
          </>
        )}
      </Form>
      <Content component="small" className="vsp-muted">
        {t(
          'A ClusterRole is only a set of permissions; the RoleBinding in the source namespace decides where it applies.',
        )}
      </Content>
    </Stack>
  );
};
