import type { SimClock } from './sim-api';

/**
 * The simulator's two clocks:
 * - `now()` is the wall clock: every timestamp the simulator writes (creationTimestamp, conditions, cron
 *   status) comes from it, so none lies in the future;
 * - `simulatedMs()` measures durations: it runs `timeScale` times faster than the wall and jumps forward on
 *   `advance` (/_sim/advance), so a 60-second import finishes in one real second at the default scale.
 */
export class ScaledClock implements SimClock {
  private readonly startWall = Date.now();
  private offsetMs = 0;
  private frozenAt?: { wall: number; simulated: number };

  constructor(private readonly timeScale = 60) {}

  now(): Date {
    return new Date(this.frozenAt?.wall ?? Date.now());
  }

  simulatedMs(): number {
    return this.frozenAt?.simulated ?? (Date.now() - this.startWall) * this.timeScale + this.offsetMs;
  }

  /** Runs `fn` with both clocks standing still, so one controller pass sees one "now" and can settle. */
  frozen<T>(fn: () => T): T {
    if (this.frozenAt !== undefined) return fn();
    this.frozenAt = { wall: Date.now(), simulated: this.simulatedMs() };
    try {
      return fn();
    } finally {
      this.frozenAt = undefined;
    }
  }

  /** Moves simulated time (durations) on; the wall clock, and so every timestamp, is untouched. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
    if (this.frozenAt !== undefined) this.frozenAt.simulated += seconds * 1000;
  }
}

/** RFC 3339 without fractions, as the apiserver writes timestamps (metav1.Time has second precision). */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
