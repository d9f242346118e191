/**
 * What the utility's key signs for each build (docs/delivery.md#updates-from-the-utilitys-server): the
 * version, the file's name, its size and its SHA-512 together. The feed's `latest*.yml` is not signed
 * itself, so each of these is checked against this text: a genuine old build offered under a newer
 * version, or under another name, no longer matches what was signed.
 */
export interface SignedBuild {
  version: string
  file: string
  size: number
  sha512: string
}

export function manifestText(build: SignedBuild): string {
  return ['vodokanal-update/1', build.version, build.file, String(build.size), build.sha512].join('\n')
}
