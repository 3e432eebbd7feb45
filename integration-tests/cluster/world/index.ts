import type { World } from '../sim-api';
import { createBootSourceController } from './boot-source-controller';
import {
  cdiValidator,
  dataImportCronValidator,
  dataVolumeValidator,
  pvcRenderingMutator,
} from './cdi-admission';
import { dataVolumeCloneAuthorizer } from './cdi-clone-auth';
import { createCdiConfigController } from './cdi-config-controller';
import { createDataImportCronController, createDataImportCronPoller } from './dataimportcron-controller';
import { createDataVolumeController, UploadedData } from './datavolume-controller';
import { hcoMutator, hcoValidator } from './hco-admission';
import { hcoConverter } from './hco-conversion';
import { createHcoController } from './hco-controller';
import { hppValidator } from './hpp-admission';
import { ImageRegistry } from './import-sources';
import { createHppController } from './hpp-controller';
import { createSspController } from './ssp-controller';
import { createStorageProfileController } from './storage-profile-controller';

/**
 * The admission rules and controllers of the simulated cluster, fresh per call (controllers keep state such
 * as when they first saw an object). Order matters within a round: HCO renders the CDI CR before CDI's own
 * controllers read it, SSP creates crons before CDI polls and imports them, and
 * the poller writes a cron's new digest before the reconciler reads it in the same round. `registry` is the
 * world's image registries (what /_sim/publish-digest changes), `uploads` the data that arrived for upload
 * DataVolumes (what /_sim/complete-upload adds).
 */
export function createWorld(): World {
  const registry = new ImageRegistry();
  const uploads = new UploadedData();
  return {
    registry,
    completeUpload: (store, namespace, name) => uploads.complete(store, namespace, name),
    converters: [hcoConverter],
    mutating: [hcoMutator, dataVolumeCloneAuthorizer, pvcRenderingMutator],
    validating: [hcoValidator, dataVolumeValidator, dataImportCronValidator, cdiValidator, hppValidator],
    controllers: [
      createHcoController(),
      createCdiConfigController(),
      createStorageProfileController(),
      createSspController(),
      createBootSourceController(),
      createDataImportCronPoller(registry),
      createDataImportCronController(),
      createDataVolumeController(uploads),
      createHppController(),
    ],
  };
}

export const world: World = createWorld();
