import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { storageSizeText } from '../../../components/storage-size-text';
import type { StorageSizeError } from '../../../k8s/quantity';
import { PoolEditError, type MigrationFinding } from '../logic/hpp-spec';
import type { ValidationFinding } from '../logic/pool-validation';

/** The wizard's words for the logic's codes (validation findings, migration findings, edit errors). */
export const useHppMessages = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');

  const sizeText = useCallback((e: StorageSizeError): string => storageSizeText(t, e, '100Gi'), [t]);

  const poolNumber = (i: number) => i + 1;

  const findingText = useCallback(
    (f: ValidationFinding): string => {
      switch (f.code) {
        case 'path-config-and-pools':
          return t(
            'The provisioner cannot have both the legacy path and storage pools: migrate the legacy path to a pool.',
          );
        case 'no-path-config-or-pools':
          return t('Add at least one storage pool.');
        case 'path-config-path-required':
          return t('The legacy path must be set.');
        case 'image-pull-policy-invalid':
          return t('"{{value}}" is not a pull policy. Use one of {{allowed}}.', {
            value: f.value,
            allowed: f.allowed.join(', '),
          });
        case 'name-required':
          return t('Enter a pool name.');
        case 'name-too-long':
          return t('A pool name can have at most {{max}} characters.', { max: f.max });
        case 'name-duplicate':
          return t('Pool {{n}} already has this name.', { n: poolNumber(f.of) });
        case 'name-not-dns1123':
          return t(
            'Use lower-case letters, digits and "-", starting with a letter or digit: the operator names Kubernetes objects after the pool.',
          );
        case 'path-required':
          return t('Enter the directory on each node, e.g. /var/hpvolumes/pool1.');
        case 'path-too-long':
          return t('A path can have at most {{max}} characters.', { max: f.max });
        case 'path-duplicate':
          return t('Pool {{n}} already uses this path.', { n: poolNumber(f.of) });
        case 'path-not-absolute':
          return t('The path must be absolute (start with /).');
        case 'path-has-backsteps':
          return t('The path cannot contain "..".');
        case 'size-required':
          return t('Enter the size of the volume each node gets, e.g. 100Gi.');
        case 'size-invalid':
          return sizeText(f.error);
        case 'access-modes-required':
          return t('Choose at least one access mode.');
        case 'access-mode-invalid':
          return t('"{{value}}" is not an access mode.', { value: f.value });
        case 'access-mode-rwop-combined':
          return t('ReadWriteOncePod cannot be combined with other access modes.');
        case 'volume-mode-invalid':
          return t('"{{value}}" is not a volume mode: use Filesystem or Block.', { value: f.value });
        case 'snapshot-provider-invalid':
          return t('"{{value}}" is not a snapshot provider. Use one of {{allowed}}.', {
            value: f.value,
            allowed: f.allowed.join(', '),
          });
        case 'overlay-class-name-invalid':
          return t('The overlay StorageClass name must be a valid Kubernetes name.');
        case 'selector-key-required':
          return t('Enter a label key.');
        case 'selector-key-invalid':
          return t(
            'Not a valid label key: an optional DNS prefix and "/", then up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
          );
        case 'selector-key-duplicate':
          return t('Row {{n}} already has this key.', { n: f.of + 1 });
        case 'selector-value-invalid':
          return t(
            'Not a valid label value: up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
          );
        case 'os-partition':
          return t(
            'A basic pool stores volumes in this directory on each node. Do not put it on the operating system partition: volumes could fill it and make the node unstable. Use a separate disk or partition mounted at this path.',
          );
        case 'path-in-root-directory':
          return t(
            'The root directory is read-only on Red Hat Enterprise Linux CoreOS: use a directory under /var, e.g. /var/hpvolumes.',
          );
        case 'path-same-directory':
          return t('Pool {{n}} uses the same directory, spelled differently.', { n: poolNumber(f.of) });
        case 'path-changed':
          return t(
            'The pool moves from {{from}}: its existing volumes stay there, where the provisioner no longer looks.',
            { from: f.from },
          );
        case 'kind-changed':
          return f.from === 'basic'
            ? t(
                'This pool was basic: its existing volumes stay in the node directory and are no longer served.',
              )
            : t(
                'This pool used a PVC template: its existing volumes stay on the pool PVCs and are no longer served.',
              );
        case 'template-change-not-applied':
          return t(
            'The operator creates pool PVCs once and does not update them: only nodes added later get PVCs from the changed template.',
          );
        case 'pool-renamed':
          return f.classes && f.classes.length > 0
            ? t(
                'Renamed from {{from}}: StorageClasses {{classes}} name the old pool and stop provisioning.',
                {
                  from: f.from,
                  classes: f.classes.join(', '),
                },
              )
            : t('Renamed from {{from}}: StorageClasses naming the old pool stop provisioning.', {
                from: f.from,
              });
        case 'template-class-is-hpp':
          return t(
            '{{name}} is itself a hostpath provisioner class: the pool would be carved out of another hostpath pool.',
            { name: f.name },
          );
        case 'template-class-default-is-hpp':
          return t(
            'The cluster default class {{name}} is a hostpath provisioner class: choose the class whose volumes back the pool.',
            { name: f.name },
          );
        case 'template-class-missing':
          return t('There is no StorageClass {{name}}: the pool PVCs stay Pending until it exists.', {
            name: f.name,
          });
        case 'template-class-no-default':
          return t('The cluster has no default StorageClass: choose one, or the pool PVCs stay Pending.');
        case 'shared-block':
          return t(
            'A shared (ReadWriteMany) Block pool is formatted XFS and mounted on every node at once, but XFS is not a cluster file system: data can be corrupted.',
          );
        case 'snapshotting-gate-off':
          return t('The pool has a snapshot provider, but the Snapshotting feature gate is off.');
        case 'overlay-class-unused':
          return t('The overlay StorageClass name is used only by shared (ReadWriteMany) pools.');
        case 'overlay-class-shared':
          return t('Pool {{n}} already uses the overlay StorageClass {{name}}.', {
            n: poolNumber(f.of),
            name: f.name,
          });
        case 'overlay-class-taken':
          return t(
            "A StorageClass {{name}} already exists and is not this pool's overlay class: the operator will not create one.",
            { name: f.name },
          );
        case 'selector-matches-no-nodes':
          return t('No node has these labels: the provisioner would run nowhere.');
        case 'block-needs-xfs':
          return t(
            'Block: the provisioner formats an empty device as XFS on each node (a device that already has a file system is mounted as it is).',
          );
        case 'shared-pool':
          return t(
            'ReadWriteMany: one PVC is shared by all nodes, and the operator creates the backend StorageClass {{name}}.',
            { name: f.overlayClassName },
          );
      }
    },
    [t, sizeText],
  );

  const migrationText = useCallback(
    (f: MigrationFinding): string => {
      switch (f.code) {
        case 'legacy-pool-name-changed':
          return f.classes && f.classes.length > 0
            ? t(
                'The pool is not named {{expected}}: StorageClasses {{classes}} and their volumes keep using pool {{expected}} and stop working.',
                { expected: f.expected, classes: f.classes.join(', ') },
              )
            : t(
                'The pool is not named {{expected}}: CSI classes without a storagePool parameter keep using pool {{expected}} and stop working.',
                { expected: f.expected },
              );
        case 'legacy-provisioner-removed':
          return f.classes
            ? t(
                'Without the legacy path the operator removes the legacy provisioner (kubevirt.io/hostpath-provisioner): claims of {{classes}} stay Pending and their released volumes are no longer deleted.',
                { classes: f.classes.join(', ') },
              )
            : t(
                'Without the legacy path the operator removes the legacy provisioner (kubevirt.io/hostpath-provisioner). StorageClasses could not be read: check which use it.',
              );
        case 'naming-prefix-dropped':
          return t(
            'useNamingPrefix applied only to the legacy provisioner; storage pools have no such option.',
          );
      }
    },
    [t],
  );

  /** An edit that no longer applies to the latest CR, in words; other errors pass through. */
  const localise = useCallback(
    <E>(error: E): E | Error => {
      if (!(error instanceof PoolEditError)) return error;
      switch (error.reason) {
        case 'exists':
          return new Error(
            t('Someone else added a pool named {{name}} meanwhile. Choose another name.', {
              name: error.poolName,
            }),
          );
        case 'gone':
          return new Error(
            t('Someone else removed the pool {{name}} meanwhile. Close the wizard and open it again.', {
              name: error.poolName,
            }),
          );
        case 'changed-meanwhile':
          return new Error(
            t(
              'Someone else changed the pool {{name}} meanwhile. Close the wizard and open it again to see their change.',
              { name: error.poolName },
            ),
          );
      }
    },
    [t],
  );

  return { findingText, migrationText, localise, sizeText };
};
