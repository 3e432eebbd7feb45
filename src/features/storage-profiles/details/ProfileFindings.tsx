import { Alert, List, ListItem, Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { ProfileHealth } from '../logic/profile-health';

/** The consequences of the profile's state, in plain words, most serious first. */
export const ProfileFindings = ({ health, name }: { health: ProfileHealth; name: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { row } = health;
  const alerts = [];

  if (row.problems.includes('missing-storage-class')) {
    alerts.push(
      <Alert
        key="missing"
        variant="danger"
        isInline
        title={t('StorageClass {{name}} does not exist', { name })}
      >
        {t(
          'CDI deletes a storage profile when its StorageClass is gone. Nothing can be provisioned through it.',
        )}
      </Alert>,
    );
  }
  if (health.unsupported) {
    alerts.push(
      <Alert key="unsupported" variant="danger" isInline title={t('This provisioner does not work with CDI')}>
        {t(
          'CDI lists {{provisioner}} among the provisioners it cannot use for DataVolumes. Use another storage class for virtual machine disks.',
          { provisioner: health.row.provisioner },
        )}
      </Alert>,
    );
  }
  if (row.noProvisioner) {
    alerts.push(
      <Alert
        key="no-provisioner"
        variant={health.incomplete ? 'warning' : 'info'}
        isInline
        title={
          health.incomplete
            ? t('No PersistentVolumes to take access modes from')
            : t('Local volumes: only pre-created PersistentVolumes can be bound')
        }
      >
        <p>
          {t(
            'This storage class has no provisioner (kubernetes.io/no-provisioner), so nothing creates volumes on demand. CDI takes the access and volume modes of this profile from the PersistentVolumes created in advance for storage class {{name}}, and DataVolumes on it can only bind to those PersistentVolumes.',
            { name },
          )}
        </p>
        {health.incomplete && (
          <p>
            {t(
              'CDI found no such PersistentVolume, so DataVolumes that omit accessModes will not be provisioned. Create PersistentVolumes with this storage class, or use "Edit" to set at least one claim property set.',
            )}
          </p>
        )}
      </Alert>,
    );
  }
  if (health.incomplete && !row.noProvisioner) {
    alerts.push(
      <Alert
        key="incomplete"
        variant="warning"
        isInline
        title={t('Incomplete profile: no access and volume modes')}
      >
        <p>
          {t(
            'DataVolumes and PVCs that omit accessModes will not be provisioned on this storage class. They fail with: "DataVolume.storage spec is missing accessMode and cannot get access mode from StorageProfile {{name}}".',
            { name },
          )}
        </p>
        <p>
          {health.capabilities.kind === 'unrecognized-parameters'
            ? t(
                'CDI knows {{provisioner}}, but could not map {{parameters}}. Use "Edit" to set at least one claim property set, or use a StorageClass whose parameters CDI recognizes (parameters of an existing StorageClass cannot be changed).',
                {
                  provisioner: health.capabilities.key,
                  parameters: health.capabilities.parameters
                    .map((p) =>
                      t('{{name}}={{value}} (it maps {{known}})', {
                        name: p.name,
                        value: p.value === undefined ? t('(missing)') : `"${p.value}"`,
                        known: p.known.join(', '),
                      }),
                    )
                    .join('; '),
                },
              )
            : t(
                'CDI cannot fill them in for this provisioner. Use "Edit" to set at least one claim property set.',
              )}
        </p>
      </Alert>,
    );
  }
  health.invalidSpecValues.forEach(({ field, value }) =>
    alerts.push(
      <Alert
        key={`invalid-${field}`}
        variant="warning"
        isInline
        title={t('spec.{{field}} has a value CDI does not know: "{{value}}"', { field, value })}
      >
        {field === 'cloneStrategy'
          ? t('Valid clone strategies are copy, snapshot and csi-clone. Use "Edit" to pick one.')
          : t('Valid boot source formats are pvc and snapshot. Use "Edit" to pick one.')}
      </Alert>,
    ),
  );
  const smartCloneUnknownReason =
    health.effectiveCloneStrategy === 'snapshot'
      ? t(
          'VolumeSnapshotClasses could not be read, so whether snapshot clones can work cannot be determined.',
        )
      : t('CSIDrivers could not be read, so whether CSI clones can work cannot be determined.');
  if (health.degraded === undefined) {
    alerts.push(
      <Alert
        key="degraded-unknown"
        variant="info"
        isInline
        title={t('Whether this storage is degraded for virtualization cannot be determined')}
      >
        {smartCloneUnknownReason}
      </Alert>,
    );
  } else if (health.degraded) {
    alerts.push(
      <Alert key="degraded" variant="info" isInline title={t('Degraded for virtualization')}>
        <List>
          {!health.hasRwx && (
            <ListItem>
              {t(
                'No ReadWriteMany access mode: virtual machines on this storage cannot live-migrate (unless the cluster has a single node).',
              )}
            </ListItem>
          )}
          {health.smartClone === undefined && <ListItem>{smartCloneUnknownReason}</ListItem>}
          {health.smartClone === false && (
            <ListItem>
              {health.effectiveCloneStrategy === 'copy'
                ? t('Clones use host-assisted copy, which is slow for large disks.')
                : health.effectiveCloneStrategy === 'snapshot'
                  ? t(
                      'Clone strategy is snapshot, but there is no VolumeSnapshotClass for this provisioner, so clones fall back to a slow copy.',
                    )
                  : t('Clone strategy is csi-clone, but no CSIDriver named {{provisioner}} exists.', {
                      provisioner: health.row.provisioner,
                    })}
            </ListItem>
          )}
        </List>
      </Alert>,
    );
  }
  if (row.recognized?.status === 'False' && !health.incomplete && !health.unsupported && !row.noProvisioner) {
    alerts.push(
      <Alert
        key="unrecognized-ok"
        variant="info"
        isInline
        title={t('CDI does not recognize this provisioner')}
      >
        {health.hasAdminOverrides
          ? t(
              'That is expected for storage CDI has no built-in knowledge of: CDI uses the values an administrator set on this profile.',
            )
          : t('CDI cannot advise values for it; the values below come from elsewhere.')}
      </Alert>,
    );
  }
  if (alerts.length === 0) return null;
  return <Stack hasGutter>{alerts}</Stack>;
};
