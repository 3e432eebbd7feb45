import { Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { HyperConvergedGate } from '../../../components/HyperConvergedGate';
import { PageShell } from '../../../components/PageShell';
import { useScrollToHash } from '../../../components/use-scroll-to-hash';
import { HealthSummary } from '../../../health/HealthSummary';
import { hyperConvergedModelFor } from '../../../k8s/hco-paths';
import { CDIConfigModel, gvk, StorageClassModel, StorageProfileModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import type { CDIConfig, HyperConverged, StorageClass, StorageProfile } from '../../../k8s/types';
import { useModelAccess } from '../../../k8s/use-access';
import { useHyperConverged } from '../../../k8s/use-hyperconverged';
import { useWatchList, useWatchObject } from '../../../k8s/use-watch';
import type { Watched } from '../../../k8s/watch-state';
import { DefaultClassesSection } from '../sections/DefaultClassesSection';
import { FilesystemOverheadSection } from '../sections/FilesystemOverheadSection';
import { InsecureRegistriesSection } from '../sections/InsecureRegistriesSection';
import { ScratchSpaceSection } from '../sections/ScratchSpaceSection';
import type { SettingsSectionProps } from '../sections/section-props';
import { WorkloadResourcesSection } from '../sections/WorkloadResourcesSection';

interface Lists {
  cdiConfig: Watched<CDIConfig>;
  storageClasses: Watched<StorageClass[]>;
  storageProfiles: Watched<StorageProfile[]>;
}

const Sections = ({ hco, lists }: { hco: HyperConverged; lists: Lists }) => {
  const access = useModelAccess(
    hyperConvergedModelFor(hco),
    'patch',
    hco.metadata?.name,
    hco.metadata?.namespace,
  );
  const props: SettingsSectionProps = { hco, ...lists, canWrite: access.allowed && !access.loading };
  return (
    <Stack hasGutter>
      <ReadOnlyNotice access={access} />
      <DefaultClassesSection {...props} />
      <FilesystemOverheadSection {...props} />
      <ScratchSpaceSection {...props} />
      <WorkloadResourcesSection {...props} />
      <InsecureRegistriesSection {...props} />
    </Stack>
  );
};

const StorageSettingsPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  // Every list starts with the HyperConverged lookup, not after it.
  const lookup = useHyperConverged();
  // The overview links to a section (e.g. the default classes) by its anchor.
  useScrollToHash();
  const lists: Lists = {
    cdiConfig: useWatchObject<CDIConfig>({ groupVersionKind: gvk(CDIConfigModel), name: 'config' }),
    storageClasses: useWatchList<StorageClass>({ groupVersionKind: gvk(StorageClassModel) }),
    storageProfiles: useWatchList<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel) }),
  };
  return (
    <PageShell
      title={t('Storage settings')}
      description={t(
        'Cluster-wide storage settings of OpenShift Virtualization. They are configured in the HyperConverged resource, which HCO copies to the CDI resource; CDIConfig shows what CDI applies. Edits of the CDI resource or CDIConfig are reverted by HCO.',
      )}
    >
      <HealthSummary page="storage-settings" />
      <HyperConvergedGate lookup={lookup}>{(hco) => <Sections hco={hco} lists={lists} />}</HyperConvergedGate>
    </PageShell>
  );
};

export default withQueryClient(StorageSettingsPage);
