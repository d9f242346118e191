import { describe, expect, it, vi } from 'vitest'
import { OWASP_SCRYPT_LOG_N, PasswordHasher } from '../../src-main/modules/staff/password-hash'

describe('password hashing', () => {
  it('uses scrypt with the OWASP parameters by default (N = 2^17, r = 8, p = 1)', async () => {
    const hash = await new PasswordHasher().hash('секретный-пароль')
    const [scheme, logN, r, p, salt, key] = hash.split('$')
    expect({ scheme, logN: Number(logN), r, p }).toEqual({
      scheme: 'scrypt',
      logN: OWASP_SCRYPT_LOG_N,
      r: '8',
      p: '1',
    })
    expect(OWASP_SCRYPT_LOG_N).toBe(17)
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16)
    expect(Buffer.from(key!, 'base64')).toHaveLength(32)
    expect(hash).not.toContain('секретный')
  })

  it('verifies the right password and refuses any other', async () => {
    const hasher = new PasswordHasher(10)
    const hash = await hasher.hash('Пароль-1234')
    expect(await hasher.verify('Пароль-1234', hash)).toBe(true)
    expect(await hasher.verify('пароль-1234', hash)).toBe(false)
    expect(await hasher.verify('', hash)).toBe(false)
    expect(await hasher.verify('Пароль-1234', 'plain-text')).toBe(false)
  })

  it('salts every hash, so equal passwords never share a hash', async () => {
    const hasher = new PasswordHasher(10)
    expect(await hasher.hash('одинаковый')).not.toBe(await hasher.hash('одинаковый'))
  })

  it('keeps verifying old hashes after the cost is raised, since each hash carries its parameters', async () => {
    const old = await new PasswordHasher(10).hash('старый-пароль')
    expect(await new PasswordHasher(12).verify('старый-пароль', old)).toBe(true)
  })

  it('accepts as stored only hashes made at its own cost (up to 2^3 more), never a cheaper or a runaway one', () => {
    const product = new PasswordHasher()
    const salt = Buffer.alloc(16, 1).toString('base64')
    const key = Buffer.alloc(32, 2).toString('base64')
    const made = (logN: number, r = 8, p = 1) => ['scrypt', logN, r, p, salt, key].join('$')
    expect(product.acceptsStored(made(17))).toBe(true)
    expect(product.acceptsStored(made(20))).toBe(true)
    expect(product.acceptsStored(made(4))).toBe(false)
    expect(product.acceptsStored(made(16))).toBe(false)
    expect(product.acceptsStored(made(30))).toBe(false)
    expect(product.acceptsStored(made(17, 1))).toBe(false)
    expect(product.acceptsStored(made(17, 8, 4))).toBe(false)
    expect(product.acceptsStored(`scrypt$17$8$1$${salt}$short`)).toBe(false)
    expect(product.acceptsStored('argon2id$v=19$m=65536')).toBe(false)
  })

  it('answers an unknown login after as long as its recent real checks took, without deriving a key', async () => {
    const hasher = new PasswordHasher(12)
    const hash = await hasher.hash('пароль')
    const measured: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      await hasher.verify('пароль', hash)
      measured.push(performance.now() - started)
    }
    const waits: number[] = []
    const timer = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((done: () => void, ms: number) => {
      waits.push(ms)
      done()
      return 0
    }) as unknown as typeof setTimeout)
    try {
      await hasher.waitAsLongAsACheck('кто-то')
    } finally {
      timer.mockRestore()
    }
    // One timer, no derivation: its length lies within what the real checks took (their median, give
    // or take half their spread), measured around them here with a little slack for the clock.
    expect(waits).toHaveLength(1)
    expect(waits[0]!).toBeGreaterThanOrEqual(Math.min(...measured) * 0.5)
    expect(waits[0]!).toBeLessThanOrEqual(Math.max(...measured) * 1.5 + 1)
  })

  it('measures a real derivation for the first unknown login, before any real check has been timed', async () => {
    const hasher = new PasswordHasher(10)
    const timer = vi.spyOn(globalThis, 'setTimeout')
    try {
      await hasher.waitAsLongAsACheck('кто-то')
      expect(timer).not.toHaveBeenCalled()
    } finally {
      timer.mockRestore()
    }
  })
})
