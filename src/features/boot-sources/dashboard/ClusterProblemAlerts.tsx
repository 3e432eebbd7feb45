import { Alert, AlertActionLink, Stack } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { storageProfileDetailsPath } from '../../../routes';
import type { ClusterProblem } from '../logic/cluster-problems';

const names = (list: string[]) => list.join(', ');

const describe = (t: TFunction, p: ClusterProblem): { title: string; body: ReactNode } => {
  switch (p.id) {
    case 'no-default-class':
      return {
        title: t('No default storage class: boot sources cannot import'),
        body: t(
          'Neither a virtualization default nor a cluster default storage class exists, and these sources name no class: {{sources}}. Their imports stay pending until a default exists or they name a class.',
          { sources: names(p.sources) },
        ),
      };
    case 'several-virt-defaults':
      return {
        title: t('Several virtualization default storage classes'),
        body: t(
          '{{classes}} are all marked storageclass.kubevirt.io/is-default-virt-class. CDI raises the CDIMultipleDefaultVirtStorageClasses alert, and which one new boot sources use is not under your control. Keep one.',
          { classes: names(p.classes) },
        ),
      };
    case 'several-k8s-defaults':
      return {
        title: t('Several cluster default storage classes'),
        body: t(
          '{{classes}} are all marked storageclass.kubernetes.io/is-default-class. Kubernetes gives claims without a class the newest of them. Keep one.',
          { classes: names(p.classes) },
        ),
      };
    case 'incomplete-profile':
      return {
        title: t('The storage profile of {{className}} is incomplete', { className: p.className }),
        body: t(
          'It has no claim property sets, so CDI cannot size the import volumes of {{sources}}: they stay Pending. Complete the profile or import to another class.',
          { sources: names(p.sources) },
        ),
      };
    case 'profile-missing':
      return {
        title: t('No storage profile for {{className}}', { className: p.className }),
        body: t(
          'Boot sources import to {{className}} ({{sources}}), but CDI has no profile for it: the class may be gone.',
          { className: p.className, sources: names(p.sources) },
        ),
      };
    case 'not-deployed':
      return {
        title: t('Not deployed on this cluster’s architectures'),
        body: t(
          'HCO did not deploy {{sources}}: none of their architectures matches the workload nodes (multi-arch boot image import is on).',
          { sources: names(p.sources) },
        ),
      };
    case 'deprecated-gate':
      return {
        title: t('spec.featureGates.enableCommonBootImageImport has no effect'),
        body: t(
          'It is set to {{value}} but HCO ignores this deprecated field. What counts is {{field}}, which is {{effective}} (the switch above).',
          { value: String(p.value), effective: p.effective ? t('on') : t('off'), field: p.field },
        ),
      };
    case 'common-off':
      return {
        title: t('System-defined boot sources are off'),
        body: t(
          '{{field}} is false: HCO deploys none of its built-in golden images. Custom sources are still imported.',
          { field: p.field },
        ),
      };
    case 'snapshots-possible':
      return {
        title: t('Boot sources on {{className}} could be kept as snapshots', { className: p.className }),
        body: t(
          'A VolumeSnapshotClass serves this class’s driver, but its profile keeps boot sources as PVCs ({{sources}}). With snapshots, VMs are cloned from VolumeSnapshots, which is faster on storage such as Ceph RBD.',
          { sources: names(p.sources) },
        ),
      };
  }
};

export const ClusterProblemAlerts = ({
  problems,
  canWrite,
  onFixClass,
  onUseSnapshots,
}: {
  problems: readonly ClusterProblem[];
  canWrite: boolean;
  onFixClass: () => void;
  onUseSnapshots: (className: string) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (problems.length === 0) return null;
  return (
    <Stack hasGutter aria-label={t('Cluster-level findings')} role="region">
      {problems.map((p) => {
        const { title, body } = describe(t, p);
        let actions: ReactNode;
        if (canWrite && (p.id === 'no-default-class' || p.id === 'several-virt-defaults'))
          actions = (
            <AlertActionLink onClick={onFixClass}>
              {t('Choose the boot-source storage class')}
            </AlertActionLink>
          );
        if (p.id === 'incomplete-profile' || p.id === 'profile-missing')
          actions = <Link to={storageProfileDetailsPath(p.className)}>{t('Open the storage profile')}</Link>;
        if (canWrite && p.id === 'snapshots-possible')
          actions = (
            <AlertActionLink onClick={() => onUseSnapshots(p.className)}>
              {t('Use snapshots for boot sources on this class')}
            </AlertActionLink>
          );
        return (
          <Alert
            key={`${p.id}-${'className' in p ? p.className : ''}`}
            isInline
            variant={p.severity}
            title={title}
            actionLinks={actions}
          >
            {body}
          </Alert>
        );
      })}
    </Stack>
  );
};
