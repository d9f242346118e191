import { createHash, createPublicKey, verify } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

import type { z } from 'zod'
import type { rejectedBuildSchema } from '@shared/contract'
import type { FeedRelease } from './update-feed'
import { manifestText } from './update-manifest'

/** Why a downloaded build is not installed. */
export type RejectedBuild = z.infer<typeof rejectedBuildSchema>

export async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('base64')
}

/** Ed25519 over the build's manifest (`update-manifest.ts`), checked against the utility's public key. */
export function signatureValid(text: string, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(text),
      createPublicKey(publicKeyPem),
      Buffer.from(signatureBase64, 'base64'),
    )
  } catch {
    return false
  }
}

/**
 * A build is installed only when its bytes are the ones the feed describes (SHA-512 and size) and the
 * utility's key signed that very version, name, size and SHA-512 together, on every platform: the
 * feed's version is not believed unless it was signed, so an old build cannot come back as a new one.
 * A program built without the key trusts no build.
 */
export async function checkBuild(
  file: string,
  release: FeedRelease,
  signed: { signature: string | null; publicKeyPem: string | null },
): Promise<RejectedBuild | null> {
  if ((await sha512Of(file)) !== release.sha512) return 'checksum'
  if (release.size !== null && (await stat(file)).size !== release.size) return 'checksum'
  if (signed.signature === null || signed.publicKeyPem === null || release.size === null) return 'unsigned'
  const text = manifestText({
    version: release.version,
    file: release.file,
    size: release.size,
    sha512: release.sha512,
  })
  return signatureValid(text, signed.signature, signed.publicKeyPem) ? null : 'signature'
}
