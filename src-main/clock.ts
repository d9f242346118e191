/** Injected everywhere time matters, so tests can move it (idle lock, login lockout, periods). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
