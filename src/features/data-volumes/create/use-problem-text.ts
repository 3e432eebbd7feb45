import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { storageSizeText } from '../../../components/storage-size-text';
import { formatBytes } from '../../../k8s/quantity';
import type { DataVolumeForm } from '../logic/dv-form';
import type { DvProblem } from '../logic/dv-validation';

/** Words for every finding of `validateDataVolumeForm`, for the field that has it and for the Review step. */
export const useDvProblemText = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return useCallback(
    (p: DvProblem, form: DataVolumeForm): string => {
      switch (p.code) {
        case 'required':
          switch (p.field) {
            case 'name':
              return t('Enter a name for the DataVolume.');
            case 'namespace':
              return t('Choose the namespace to create the DataVolume in.');
            case 'source.namespace':
              return t('Choose the source namespace.');
            case 'source.name':
              return form.sourceKind === 'snapshot'
                ? t('Choose the VolumeSnapshot to clone.')
                : form.sourceKind === 'dataSource'
                  ? t('Choose the DataSource to clone.')
                  : t('Choose the PVC to clone.');
            case 'http.url':
              return t('Enter the URL of the image, e.g. https://example.com/disk.qcow2.');
            case 'registry.url':
              return t('Enter the image, e.g. docker://quay.io/containerdisks/fedora:latest.');
            case 'size':
              return t('Enter a size, e.g. 30Gi.');
            case 'storageClassName':
              return t('Choose a storage class: the PVC settings are written explicitly.');
            case 'accessModes':
              return t('Choose an access mode.');
            case 'volumeMode':
              return t('Choose a volume mode.');
          }
          return t('Required.');
        case 'too-long':
          return t('At most {{max}} characters.', { max: p.max });
        case 'dns1123-subdomain':
          return t(
            'Lowercase letters, digits, "-" and ".", starting and ending with a letter or digit (the PVC gets the same name).',
          );
        case 'name-taken':
          return t('A DataVolume or PVC named {{name}} already exists in namespace {{nsName}}.', {
            name: form.name.trim(),
            nsName: form.namespace,
          });
        case 'namespace-unknown':
          return t('This namespace does not exist.');
        case 'source-not-found':
          return form.sourceKind === 'snapshot'
            ? t('No VolumeSnapshot of this name exists in the source namespace.')
            : form.sourceKind === 'dataSource'
              ? t('No DataSource of this name exists in the source namespace.')
              : t('No PVC of this name exists in the source namespace.');
        case 'url-invalid':
          return p.field === 'http.url'
            ? t('Not a URL CDI can parse: write an absolute URL such as https://host/path/disk.qcow2.')
            : t('Not a registry URL CDI can parse: no spaces or control characters.');
        case 'url-scheme':
          return p.field === 'http.url'
            ? t('CDI imports only http://, https:// and gs:// URLs.')
            : t('A registry image starts with docker:// or oci-archive://.');
        case 'url-no-host':
          return t('The URL has no host: CDI accepts it, but the importer will not be able to connect.');
        case 'archive-not-allowed':
          return p.sourceKind === 'blank'
            ? t('A blank DataVolume cannot have content type archive.')
            : t('A registry import cannot have content type archive.');
        case 'size':
          return storageSizeText(t, p.error, '30Gi');
        case 'smaller-than-source':
          return t('The size must be at least the source size ({{size}}).', {
            size: formatBytes(p.sourceBytes),
          });
        case 'multiple':
          return t('With explicit PVC settings CDI accepts exactly one access mode.');
        case 'preallocation-clone':
          return t(
            'Preallocation applies only to host-assisted clones; snapshot and CSI clones are copied by the storage.',
          );
        case 'key-required':
          return t('Enter a key for this value.');
        case 'qualified-name':
          return t(
            'Not a valid annotation key: an optional DNS prefix and "/", then a name of letters, digits, "-", "_" and "." (at most 63), starting and ending with a letter or digit.',
          );
        case 'duplicate':
          return t('This key is already used above.');
        case 'use-immediate-bind':
          return t('Use the "Bind immediately" option instead of typing this annotation.');
      }
      return '';
    },
    [t],
  );
};
