import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WriteFailure } from '../../../k8s/use-resource-form';
import { TemplateEditError } from '../logic/template-edits';

/** Words a template-list edit that no longer applies in the user's language; other errors pass through. */
export const useEditErrorText = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const localise = useCallback(
    <E>(error: E): E | Error => {
      if (!(error instanceof TemplateEditError)) return error;
      return new Error(
        error.reason === 'exists'
          ? t('A boot source named {{name}} already exists in the HyperConverged.', {
              name: error.templateName,
            })
          : t('The boot source {{name}} is no longer in the HyperConverged.', { name: error.templateName }),
      );
    },
    [t],
  );
  const localiseFailure = useCallback(
    (failure: WriteFailure | undefined): WriteFailure | undefined =>
      failure && { ...failure, error: localise(failure.error) },
    [localise],
  );
  return { localise, localiseFailure };
};
