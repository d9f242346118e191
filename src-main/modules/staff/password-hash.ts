import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt with OWASP's Password Storage Cheat Sheet parameters: N = 2^17, r = 8, p = 1 (128 MiB,
 * memory-hard). The parameters are stored in each hash, so raising them later keeps old hashes valid.
 */
export const OWASP_SCRYPT_LOG_N = 17
const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_LENGTH = 32

/** How many recent checks the stand-in wait for an unknown login is measured from. */
const TIMINGS_KEPT = 16

export class PasswordHasher {
  /** How long this process's recent real checks took, newest last. */
  private readonly checkTimesMs: number[] = []

  /** `logN` below 17 is for tests only, where hundreds of hashes would otherwise take minutes. */
  constructor(private readonly logN: number = OWASP_SCRYPT_LOG_N) {}

  /**
   * A key derived from the password under a salt of its own (never the verifier's): what wraps a
   * person's signing key (modules/auth/person-keys.ts). Returns the parameters to store beside it.
   */
  async keyFor(password: string, stored: string | null = null): Promise<{ key: Buffer; params: string }> {
    const [logN, salt] = stored
      ? [Number(stored.split('$')[0]), Buffer.from(stored.split('$')[1] ?? '', 'base64')]
      : [this.logN, randomBytes(16)]
    const key = await derive(password, salt, logN, BLOCK_SIZE, PARALLELISM)
    return { key, params: `${logN}$${salt.toString('base64')}` }
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16)
    const key = await derive(password, salt, this.logN, BLOCK_SIZE, PARALLELISM)
    return [
      'scrypt',
      this.logN,
      BLOCK_SIZE,
      PARALLELISM,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$')
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, logN, r, p, salt, key] = stored.split('$')
    if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false
    const expected = Buffer.from(key, 'base64')
    const started = performance.now()
    const actual = await derive(password, Buffer.from(salt, 'base64'), Number(logN), Number(r), Number(p))
    this.remember(performance.now() - started)
    return actual.length === expected.length && timingSafeEqual(actual, expected)
  }

  /**
   * Whether a stored hash was made at this product's cost: scrypt with at least this hasher's N and at
   * most 2^3 more than the product's (for consoles of a later version that raised it), r = 8, p = 1, a
   * 16-byte salt and a 32-byte key. The central service refuses any other (a hash made at N = 16 is a
   * password anyone can brute-force; one at N = 2^30 makes every sign-in a denial of service).
   */
  acceptsStored(stored: string): boolean {
    const [scheme, logN, r, p, salt, key, ...rest] = stored.split('$')
    return (
      scheme === 'scrypt' &&
      rest.length === 0 &&
      Number(logN) >= this.logN &&
      Number(logN) <= Math.max(this.logN, OWASP_SCRYPT_LOG_N) + 3 &&
      Number(r) === BLOCK_SIZE &&
      Number(p) === PARALLELISM &&
      Buffer.from(salt ?? '', 'base64').length === 16 &&
      Buffer.from(key ?? '', 'base64').length === KEY_LENGTH
    )
  }

  /**
   * Answers an unknown login as late as a real check would, so its timing does not tell that the login
   * is unknown, but without spending a hash: a flood of made-up logins then costs the service no CPU or
   * memory (docs/central-service.md#the-doors-rate-limits). The wait is the median of the recent real
   * checks, with their spread; until there is one, a real derivation measures it.
   */
  async waitAsLongAsACheck(password: string): Promise<void> {
    if (this.checkTimesMs.length === 0) {
      const started = performance.now()
      await derive(password, Buffer.alloc(16), this.logN, BLOCK_SIZE, PARALLELISM)
      this.remember(performance.now() - started)
      return
    }
    const sorted = [...this.checkTimesMs].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]!
    const spread = sorted[sorted.length - 1]! - sorted[0]!
    const wait = median + (Math.random() - 0.5) * Math.min(spread, median / 2)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)))
  }

  private remember(ms: number): void {
    this.checkTimesMs.push(ms)
    if (this.checkTimesMs.length > TIMINGS_KEPT) this.checkTimesMs.shift()
  }
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}
