import { generateKeyPairSync } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { writeReleaseFolder } from '../../scripts/release/release-folder'
import { consoleUpdater, type UpdaterFactory } from '../../src-main/updates/console-updater'
import { checkBuild } from '../../src-main/updates/update-checks'
import { downloadRelease, readFeed, readSignature } from '../../src-main/updates/update-feed'

/**
 * A utility update server on loopback: folders of releases written by the code
 * `npm run release:publish` uses, served as any web server would serve them.
 */
export async function startUpdateFeedServer() {
  const key = generateKeyPairSync('ed25519')
  const publicKeyPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const privateKeyPem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const root = await mkdtemp(join(tmpdir(), 'vodokanal-feed-'))
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url!, 'http://x').pathname)))
    if (!path.startsWith(root) || !existsSync(path)) return void response.writeHead(404).end()
    createReadStream(path).pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return {
    publicKeyPem,
    root,
    /** The feed address of a folder. */
    url: (folder: string) => `${base}/${folder}/`,
    /** Publishes an AppImage of `version` into `folder`; returns the published build's path. */
    async publish(folder: string, version: string, signedWith = privateKeyPem) {
      const made = join(root, `build-${folder}-${version}`)
      await mkdir(made, { recursive: true })
      const build = join(made, `Vodokanal-${version}.AppImage`)
      await writeFile(build, `AppImage ${folder} ${version} `.repeat(5000))
      await writeReleaseFolder({
        dir: join(root, folder),
        version,
        builds: [{ path: build, platform: 'linux' }],
        privateKeyPem: signedWith,
      })
      return join(root, folder, `Vodokanal-${version}.AppImage`)
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve))
      await rm(root, { recursive: true, force: true })
    },
  }
}

/**
 * The installed program's updater as a console gets it, its platform part played by the same feed
 * code over loopback: the address from Settings, builds checked against the server's key, restarts
 * recorded in `restarts` instead of made.
 */
export function loopbackUpdater(
  feeds: Awaited<ReturnType<typeof startUpdateFeedServer>>,
  restarts: string[],
  version = '1.0.0',
): UpdaterFactory {
  return (needs) => {
    const feed = () => needs.settings().updateFeedUrl ?? ''
    return consoleUpdater(
      version,
      {
        latest: () => readFeed(feed(), 'linux'),
        download: (release, onProgress) =>
          downloadRelease(feed(), release, join(feeds.root, `downloaded-${version}`), onProgress),
        check: async (file, release) =>
          checkBuild(file, release, {
            signature: await readSignature(feed(), release),
            publicKeyPem: feeds.publicKeyPem,
          }),
        installOnQuit: () => undefined,
        restartAndInstall: (file) => restarts.push(file),
        every: () => () => undefined,
      },
      needs,
    )
  }
}
