import type { SimContext, StoreEvent, World } from './sim-api';
import type { ScaledClock } from './clock';

const MAX_ROUNDS = 20;

/**
 * Runs the world's controllers after committed writes (batched on setImmediate) and on clock ticks, round
 * after round while they keep writing, up to MAX_ROUNDS.
 */
export class ControllerRunner {
  private pending: StoreEvent[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly world: () => World,
    private readonly ctx: SimContext,
    private readonly clock: ScaledClock,
  ) {}

  onEvent(e: StoreEvent): void {
    this.pending.push(e);
    if (!this.scheduled && !this.running) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.run(false);
      });
    }
  }

  /** Runs at once: a tick (`initial` round even with no events), then until no new events. */
  run(tick: boolean): void {
    this.clock.frozen(() => this.rounds(tick));
  }

  private rounds(tick: boolean): void {
    const controllers = this.world().controllers;
    if (this.running || !controllers.length) {
      if (!controllers.length) this.pending = [];
      return;
    }
    this.running = true;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const batch = this.pending;
        this.pending = [];
        if (!batch.length && !(tick && round === 0)) return;
        for (const c of controllers) {
          if (typeof c?.reconcile !== 'function') {
            console.error('[sim] world.controllers holds something that is not a Controller:', c);
            continue;
          }
          try {
            c.reconcile(this.ctx, batch);
          } catch (e) {
            console.error(`[sim] controller ${c.name} failed:`, e);
          }
        }
      }
      if (this.pending.length) {
        console.warn(
          `[sim] controllers did not settle after ${MAX_ROUNDS} rounds (${this.pending.length} events pending)`,
        );
        this.pending = [];
      }
    } finally {
      this.running = false;
    }
  }
}
