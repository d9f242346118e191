import { createHash, createPublicKey, verify } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'

import type { z } from 'zod'
import type { rejectedBuildSchema } from '@shared/contract'

/** Why a downloaded build is not installed. */
export type RejectedBuild = z.infer<typeof rejectedBuildSchema>

export async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('base64')
}

/** Ed25519 over the build's bytes, checked against the utility's public key. */
export async function signatureValid(
  file: string,
  signatureBase64: string,
  publicKeyPem: string,
): Promise<boolean> {
  try {
    return verify(
      null,
      await readFile(file),
      createPublicKey(publicKeyPem),
      Buffer.from(signatureBase64, 'base64'),
    )
  } catch {
    return false
  }
}

/**
 * A build is installed only when its bytes are the ones the feed describes and, where the platform
 * has no signature of its own to check (an AppImage), when the utility's key signed them. `signed`
 * is null where the platform checks its own (Windows: the publisher); a missing key trusts nothing.
 */
export async function checkBuild(
  file: string,
  expectedSha512: string,
  signed: { signature: string | null; publicKeyPem: string | null } | null,
): Promise<RejectedBuild | null> {
  if ((await sha512Of(file)) !== expectedSha512) return 'checksum'
  if (signed === null) return null
  if (signed.signature === null || signed.publicKeyPem === null) return 'unsigned'
  return (await signatureValid(file, signed.signature, signed.publicKeyPem)) ? null : 'signature'
}
