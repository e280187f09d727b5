/**
 * The one source of time for every rule (Table 2 timeouts, TOTP steps, code expiry, throttles).
 * Normal mode reads the system clock; test mode lets POST /test/clock move it.
 */

/** Milliseconds since the Unix epoch, as every rule reads it. */
export interface Clock {
  now(): number;
}

/** The system clock (normal mode). */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that runs with real time plus an offset, or stands still when frozen. Test mode uses it so
 * a tester can jump past the Table 2 limits without waiting, while TOTP codes generated from
 * GET /test/clock's time still match.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.frozenAt ?? this.base.now() + this.offsetMs;
  }

  /** Jumps to an absolute time (keeps running from there unless frozen). */
  set(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offsetMs = ms - this.base.now();
  }

  /** Moves forward (or backward with a negative value) by `ms`. */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  /** Stops (true) or restarts (false) the clock at its current reading. */
  freeze(frozen: boolean): void {
    if (frozen && this.frozenAt === undefined) this.frozenAt = this.now();
    if (!frozen && this.frozenAt !== undefined) {
      this.offsetMs = this.frozenAt - this.base.now();
      this.frozenAt = undefined;
    }
  }

  /** True while frozen (reported by GET /test/clock). */
  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }
}
