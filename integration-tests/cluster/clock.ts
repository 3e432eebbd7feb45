import type { SimClock } from './sim-api';

/** Simulated now = start + wall-clock elapsed * timeScale + manual offset (from /_sim/advance). */
export class ScaledClock implements SimClock {
  private readonly startWall = Date.now();
  private offsetMs = 0;

  constructor(
    private readonly timeScale = 60,
    private readonly start = Date.now(),
  ) {}

  private frozenAt?: number;

  now(): Date {
    return new Date(
      this.frozenAt ?? this.start + (Date.now() - this.startWall) * this.timeScale + this.offsetMs,
    );
  }

  /** Runs `fn` with time standing still, so one controller pass sees one "now" and can settle. */
  frozen<T>(fn: () => T): T {
    if (this.frozenAt !== undefined) return fn();
    this.frozenAt = this.now().getTime();
    try {
      return fn();
    } finally {
      this.frozenAt = undefined;
    }
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
    if (this.frozenAt !== undefined) this.frozenAt += seconds * 1000;
  }
}

/** RFC 3339 without fractions, as the apiserver writes timestamps. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
