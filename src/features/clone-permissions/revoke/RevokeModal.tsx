import {
  Alert,
  Button,
  Checkbox,
  Content,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
} from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { readK8sError } from '../../../k8s/k8s-errors';
import { ClusterRoleModel, RoleBindingModel } from '../../../k8s/models';
import { metadataName } from '../../../k8s/names';
import type { ClusterRole, RoleBinding } from '../../../k8s/types';
import { deleteObject } from '../../../k8s/use-object-writes';
import { revokeImpact, roleLeftUnused } from '../logic/revoke-plan';
import { subjectText } from '../shared/clone-texts';
import type { CloneAccessRow, RbacSnapshot } from '../logic/types';

export interface RevokeModalProps {
  row: CloneAccessRow;
  /** The RoleBinding as the user saw it: its uid and resourceVersion guard the delete. */
  binding: RoleBinding;
  rows: CloneAccessRow[];
  snapshot: RbacSnapshot;
  onClose: () => void;
}

const ID = 'vsp-revoke';

const rowBindingWords = (t: TFunction, r: CloneAccessRow): string =>
  r.binding.kind === 'ClusterRoleBinding'
    ? t('ClusterRoleBinding {{name}} (every namespace)', { name: r.binding.name })
    : t('RoleBinding {{name}}', { name: r.binding.name });

/** What was deleted when one of the deletes failed, so the dialog can say exactly what happened. */
class RevokeError extends Error {
  constructor(
    readonly step: 'binding' | 'role',
    readonly apiError: unknown,
  ) {
    super(readK8sError(apiError).message);
  }
}

const revoke = async ({ binding, role }: { binding: RoleBinding; role?: ClusterRole }) => {
  try {
    await deleteObject({ model: RoleBindingModel, resource: binding });
  } catch (e) {
    throw new RevokeError('binding', e);
  }
  if (role) {
    try {
      await deleteObject({ model: ClusterRoleModel, resource: role });
    } catch (e) {
      throw new RevokeError('role', e);
    }
  }
};

/** What a failed delete means for this dialog: changed meanwhile, already gone, or the API's refusal. */
const FailureAlert = ({
  error,
  bindingName,
  roleName,
}: {
  error: RevokeError;
  bindingName: string;
  roleName?: string;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { kind, code } = readK8sError(error.apiError);
  const what =
    error.step === 'binding'
      ? t('RoleBinding {{name}}', { name: bindingName })
      : t('ClusterRole {{name}}', { name: roleName });
  let title: string | undefined;
  if (kind === 'conflict' || code === 409) {
    title = t(
      '{{what}} was changed since this dialog opened: nothing was deleted. Close the dialog and look at it again.',
      { what },
    );
  } else if (kind === 'not-found') {
    title = t('{{what}} is already gone: someone deleted it since this dialog opened.', { what });
  }
  return (
    <>
      {error.step === 'role' && (
        <Alert
          variant="warning"
          isInline
          title={t('RoleBinding {{name}} was deleted', { name: bindingName })}
        >
          {t('Its subjects no longer clone through it. Deleting the ClusterRole failed:')}
        </Alert>
      )}
      <ErrorAlert error={error.apiError} title={title} />
    </>
  );
};

/** Deletes one RoleBinding that grants cloning, after naming who loses access (and who keeps it). */
const RevokeModal = ({ row, binding, rows, snapshot, onClose }: RevokeModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const impact = useMemo(() => revokeImpact(binding, rows), [binding, rows]);
  const unusedRole = useMemo(() => roleLeftUnused(binding, snapshot), [binding, snapshot]);
  const [deleteRole, setDeleteRole] = useState(false);
  const mutation = useMutation({ mutationFn: revoke, onSuccess: onClose });
  const name = metadataName(binding);
  const namespace = binding.metadata?.namespace ?? '';
  const failure = mutation.error instanceof RevokeError ? mutation.error : undefined;
  const bindingGone = failure?.step === 'role';

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={onClose}
      aria-labelledby={`${ID}-title`}
      aria-describedby={`${ID}-body`}
    >
      <ModalHeader
        title={t('Revoke clone access through {{name}}?', { name })}
        labelId={`${ID}-title`}
        titleIconVariant="warning"
      />
      <ModalBody id={`${ID}-body`}>
        <Content component="p">
          {t(
            'Deletes RoleBinding {{name}} in namespace {{namespace}} (it binds {{roleKind}} {{role}}). Clones from {{namespace}} that have already started are not affected.',
            { name, namespace, roleKind: row.role.kind, role: row.role.name },
          )}
        </Content>
        <Content component="p">{t('Clone access from {{namespace}} afterwards:', { namespace })}</Content>
        <List aria-label={t('Subjects of RoleBinding {{name}}', { name })}>
          {impact.map(({ subject, keepsAccessVia }) => (
            <ListItem key={`${subject.kind}/${subject.namespace ?? ''}/${subject.name}`}>
              {keepsAccessVia.length === 0
                ? t('{{subject}} loses access', { subject: subjectText(t, subject) })
                : t('{{subject}} keeps access through {{bindings}}', {
                    subject: subjectText(t, subject),
                    bindings: [...new Set(keepsAccessVia.map((r) => rowBindingWords(t, r)))].join(', '),
                  })}
            </ListItem>
          ))}
        </List>
        {(!snapshot.clusterRoleBindings || !snapshot.roleBindings) && (
          <Alert variant="warning" isInline isPlain title={t('Some bindings cannot be read')}>
            {t('A subject may keep access through bindings you may not read.')}
          </Alert>
        )}
        {unusedRole && (
          <Checkbox
            id={`${ID}-delete-role`}
            className="vsp-confirm-modal__error"
            label={t('Also delete ClusterRole {{name}}, which no other binding uses', {
              name: metadataName(unusedRole),
            })}
            description={t('It was created by this plugin and grants nothing but cloning.')}
            isChecked={deleteRole}
            isDisabled={mutation.isPending || bindingGone}
            onChange={(_e, checked) => setDeleteRole(checked)}
          />
        )}
        <div aria-live="polite" className="vsp-confirm-modal__error">
          {failure ? (
            <FailureAlert
              error={failure}
              bindingName={name}
              roleName={unusedRole && metadataName(unusedRole)}
            />
          ) : (
            mutation.error !== null && <ErrorAlert error={mutation.error} />
          )}
        </div>
      </ModalBody>
      <ModalFooter>
        {!bindingGone && (
          <Button
            variant="danger"
            onClick={() => mutation.mutate({ binding, role: deleteRole ? unusedRole : undefined })}
            isLoading={mutation.isPending}
            isDisabled={mutation.isPending}
          >
            {t('Revoke')}
          </Button>
        )}
        <Button variant="link" onClick={onClose} isDisabled={mutation.isPending}>
          {bindingGone ? t('Close') : t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};

export default RevokeModal;
