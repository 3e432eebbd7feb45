import type { HyperConverged } from '../k8s/types';
import { translatable } from '../k8s/translatable';
import {
  BOOT_SOURCES_PATH,
  dataVolumeDetailsPath,
  defaultClassesPath,
  HOSTPATH_PROVISIONER_PATH,
  STORAGE_SETTINGS_PATH,
  storageProfileEditPath,
} from '../routes';
import type { FixLink } from './types';

const hcoPatch = (hc?: HyperConverged): FixLink['requires'] => ({
  group: 'hco.kubevirt.io',
  resource: 'hyperconvergeds',
  verb: 'patch',
  ...(hc?.metadata?.name ? { name: hc.metadata.name } : {}),
  ...(hc?.metadata?.namespace ? { namespace: hc.metadata.namespace } : {}),
});

export const profileEditFix = (name: string): FixLink => ({
  label: translatable('Edit storage profile'),
  href: storageProfileEditPath(name),
  requires: { group: 'cdi.kubevirt.io', resource: 'storageprofiles', verb: 'patch', name },
});

export const defaultClassFix = (): FixLink => ({
  label: translatable('Change the default storage class'),
  href: defaultClassesPath(),
  requires: { group: 'storage.k8s.io', resource: 'storageclasses', verb: 'patch' },
});

/** Boot sources are edited through the HyperConverged's dataImportCronTemplates (api-facts 1.2). */
export const bootSourcesFix = (hc?: HyperConverged): FixLink => ({
  label: translatable('Open boot sources'),
  href: BOOT_SOURCES_PATH,
  requires: hcoPatch(hc),
});

/** Viewing a DataVolume is the first step of its fix (its events and conditions); no write needed. */
export const dataVolumeFix = (namespace: string, name: string): FixLink => ({
  label: translatable('View DataVolume'),
  href: dataVolumeDetailsPath(namespace, name),
});

export const hostpathProvisionerFix = (name: string): FixLink => ({
  label: translatable('Open hostpath provisioner'),
  href: HOSTPATH_PROVISIONER_PATH,
  requires: {
    group: 'hostpathprovisioner.kubevirt.io',
    resource: 'hostpathprovisioners',
    verb: 'patch',
    name,
  },
});

/** CDI settings are changed through the HyperConverged (HCO reverts direct CDI edits, api-facts 1.5). */
export const storageSettingsFix = (hc?: HyperConverged): FixLink => ({
  label: translatable('Open storage settings'),
  href: STORAGE_SETTINGS_PATH,
  requires: hcoPatch(hc),
});
