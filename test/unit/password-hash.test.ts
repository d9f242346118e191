import { describe, expect, it } from 'vitest'
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
})
