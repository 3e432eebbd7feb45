import type { World } from '../sim-api';
import { bootSourceController } from './boot-source-controller';
import { cdiValidator, dataImportCronValidator, dataVolumeValidator, pvcRenderingMutator } from './cdi-admission';
import { cdiConfigController } from './cdi-config-controller';
import { dataImportCronController } from './dataimportcron-controller';
import { createDataVolumeController } from './datavolume-controller';
import { hcoMutator, hcoValidator } from './hco-admission';
import { hcoController } from './hco-controller';
import { hppValidator } from './hpp-admission';
import { createHppController } from './hpp-controller';
import { createStorageProfileController } from './storage-profile-controller';

/**
 * The admission rules and controllers of the simulated cluster. Controllers run in this order on every
 * reconcile: HCO renders CDI before CDI's own controllers read it; SSP creates crons before CDI imports them.
 * Stateful controllers (simulated start times) are created fresh per world.
 */
export function createWorld(): World {
  return {
    mutating: [hcoMutator, pvcRenderingMutator],
    validating: [hcoValidator, dataVolumeValidator, dataImportCronValidator, cdiValidator, hppValidator],
    controllers: [
      hcoController,
      cdiConfigController,
      createStorageProfileController(),
      bootSourceController,
      dataImportCronController,
      createDataVolumeController(),
      createHppController(),
    ],
  };
}

export const world: World = createWorld();
