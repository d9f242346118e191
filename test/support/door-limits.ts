/**
 * A test file enrols and signs in dozens of consoles from one address in seconds: the doors' limits
 * are the product's in `door-limits.test.ts` alone (as password hashing is cheaper in tests).
 */
export const TEST_DOOR_LIMITS = {
  enrol: { max: 100_000, timeWindowMs: 60_000 },
  signIn: { max: 100_000, timeWindowMs: 60_000 },
}
