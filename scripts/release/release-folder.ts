import { createPrivateKey, sign } from 'node:crypto'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { dump, load } from 'js-yaml'
import semver from 'semver'
import { sha512Of } from '../../src-main/updates/update-checks'
import { FEED_FILE, type UpdatePlatform } from '../../src-main/updates/update-feed'
import { manifestText } from '../../src-main/updates/update-manifest'

export interface ReleaseBuild {
  /** Path of a build electron-builder made: an AppImage, a .deb or the NSIS installer. */
  path: string
  platform: UpdatePlatform
}

/**
 * Writes one release into the update folder any web server can serve: the builds, the
 * `latest*.yml` files electron-updater reads, and an Ed25519 signature `<build>.sig` per build over
 * its version, name, size and SHA-512 together (`update-manifest.ts`). A
 * release older than the one already in the folder is refused: consoles would refuse it anyway.
 */
export async function writeReleaseFolder(options: {
  dir: string
  version: string
  builds: ReleaseBuild[]
  privateKeyPem: string
  releaseDate?: string
}): Promise<string[]> {
  if (!semver.valid(options.version)) throw new Error(`Версия ${options.version} не по semver`)
  await mkdir(options.dir, { recursive: true })
  const key = createPrivateKey(options.privateKeyPem)
  const written: string[] = []
  for (const platform of ['linux', 'win'] as const) {
    const builds = options.builds.filter((build) => build.platform === platform)
    if (!builds.length) continue
    const feedPath = join(options.dir, FEED_FILE[platform])
    if (existsSync(feedPath)) {
      const published = (load(await readFile(feedPath, 'utf8')) as { version?: string } | null)?.version
      if (published && semver.valid(published) && semver.lt(options.version, published))
        throw new Error(`В папке уже версия ${published}; ${options.version} старше неё не публикуется`)
    }
    const files = []
    for (const build of builds) {
      const name = basename(build.path)
      await copyFile(build.path, join(options.dir, name))
      const bytes = await readFile(build.path)
      const sha512 = await sha512Of(build.path)
      const manifest = manifestText({ version: options.version, file: name, size: bytes.length, sha512 })
      await writeFile(
        join(options.dir, `${name}.sig`),
        sign(null, Buffer.from(manifest), key).toString('base64'),
      )
      files.push({ url: name, sha512, size: bytes.length })
      written.push(name, `${name}.sig`)
    }
    // The AppImage first on Linux: electron-updater's AppImage updater takes the first file.
    files.sort((a, b) => Number(b.url.endsWith('.AppImage')) - Number(a.url.endsWith('.AppImage')))
    const feed = {
      version: options.version,
      files,
      path: files[0]!.url,
      sha512: files[0]!.sha512,
      releaseDate: options.releaseDate ?? new Date().toISOString(),
    }
    await writeFile(feedPath, dump(feed, { lineWidth: -1 }))
    written.push(FEED_FILE[platform])
  }
  return written
}
