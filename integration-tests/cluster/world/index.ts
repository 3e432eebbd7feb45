import type { World } from '../sim-api';
import { createBootSourceController } from './boot-source-controller';
import {
  cdiValidator,
  dataImportCronValidator,
  dataVolumeValidator,
  pvcRenderingMutator,
} from './cdi-admission';
import { createCdiConfigController } from './cdi-config-controller';
import { createDataImportCronController } from './dataimportcron-controller';
import { createDataVolumeController } from './datavolume-controller';
import { hcoMutator, hcoValidator } from './hco-admission';
import { createHcoController } from './hco-controller';
import { hppValidator } from './hpp-admission';
import { createHppController } from './hpp-controller';
import { createStorageProfileController } from './storage-profile-controller';

/**
 * The admission rules and controllers of the simulated cluster, fresh per call (controllers keep state such
 * as when they first saw an object). Order matters within a round: HCO renders the CDI CR before CDI's own
 * controllers read it, and SSP creates crons before CDI imports them.
 */
export function createWorld(): World {
  return {
    mutating: [hcoMutator, pvcRenderingMutator],
    validating: [hcoValidator, dataVolumeValidator, dataImportCronValidator, cdiValidator, hppValidator],
    controllers: [
      createHcoController(),
      createCdiConfigController(),
      createStorageProfileController(),
      createBootSourceController(),
      createDataImportCronController(),
      createDataVolumeController(),
      createHppController(),
    ],
  };
}

export const world: World = createWorld();
