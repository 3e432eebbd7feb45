import type { CDIConfig, HyperConverged, StorageClass, StorageProfile } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';

/**
 * What every settings section gets from the page (one watch per kind for the whole page). Each section is its
 * own form on the HyperConverged (`useResourceForm` with its fields only), saved on its own, and shows the
 * value CDI applies from `cdiConfig.status` beside the configured one.
 */
export interface SettingsSectionProps {
  hco: HyperConverged;
  /** CDIConfig `config`: what CDI applies. Never shown as "none" while loading or unreadable. */
  cdiConfig: Watched<CDIConfig>;
  storageClasses: Watched<StorageClass[]>;
  storageProfiles: Watched<StorageProfile[]>;
  /** The user may patch the HyperConverged (false while the review runs). */
  canWrite: boolean;
}
