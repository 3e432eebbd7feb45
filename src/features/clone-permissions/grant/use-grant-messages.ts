import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantForm, GrantProblem } from '../logic/grant-plan';

/** The wizard's words for validateGrant's problem codes. */
export const useGrantMessages = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');

  const problemText = useCallback(
    (p: GrantProblem, form: GrantForm): string => {
      switch (p.code) {
        case 'required':
          switch (p.field) {
            case 'sourceNamespace':
              return t('Enter the namespace the DataVolumes and PVCs to clone are in.');
            case 'subjectNamespace':
              return t('Enter the namespace of the service account.');
            case 'subjectName':
              return form.subject.kind === 'ServiceAccount'
                ? t('Enter the name of the service account.')
                : form.subject.kind === 'User'
                  ? t('Enter the user name.')
                  : t('Enter the group name.');
            case 'roleName':
              return form.role.mode === 'create'
                ? t('Enter a name for the ClusterRole.')
                : t('Choose a ClusterRole.');
            case 'bindingName':
              return t('Enter a name for the RoleBinding.');
          }
          return t('Required.');
        case 'not-dns1123-label':
          return t(
            'Not a valid namespace name: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
          );
        case 'not-dns1123-subdomain':
          return t(
            'Not a valid name: at most 253 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.',
          );
        case 'namespace-not-found':
          return p.field === 'sourceNamespace'
            ? t('There is no namespace {{name}}.', { name: form.sourceNamespace })
            : t('There is no namespace {{name}}.', { name: form.subject.namespace ?? '' });
        case 'role-exists':
          return t(
            'A ClusterRole {{name}} already exists. Choose another name, or use the existing one (step "Role") if it grants exactly this.',
            { name: form.role.name },
          );
        case 'role-not-found':
          return t('There is no ClusterRole {{name}}.', { name: form.role.name });
        case 'role-not-clone-only':
          return t(
            'ClusterRole {{name}} grants more than cloning: binding it would give the subject more than the right to clone.',
            { name: form.role.name },
          );
        case 'same-namespace':
          return t(
            'The service account is in the source namespace itself: CDI does not check clones within one namespace, so no grant is needed.',
          );
        case 'binding-exists':
          return t('Namespace {{namespace}} already has a RoleBinding {{name}}. Choose another name.', {
            namespace: form.sourceNamespace,
            name: form.bindingName,
          });
        case 'user-name-spaces':
          return t(
            'The name starts or ends with a space. Kubernetes compares names exactly, so it would not match the intended subject.',
          );
      }
    },
    [t],
  );

  return { problemText };
};
