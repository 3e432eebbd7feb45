import type { World } from '../sim-api';

/** The admission rules and controllers of the simulated cluster. Filled in by the world's modules. */
export const world: World = {
  mutating: [],
  validating: [],
  controllers: [],
};
