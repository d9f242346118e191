import { generateKeyPairSync } from 'node:crypto'
import { readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUpdateFeedServer } from '../../support/update-feed-server'
import { checkBuild } from '../../../src-main/updates/update-checks'
import type { UpdateState } from '@shared/contract'
import { CHECK_EVERY_MS, UpdateCycle } from '../../../src-main/updates/update-cycle'
import { downloadRelease, readFeed, readSignature } from '../../../src-main/updates/update-feed'

/**
 * The update policy and the build checks against a real feed on a local HTTP server
 * (docs/delivery.md#updates-from-the-utilitys-server): a good build, a bad checksum, an unsigned build, a
 * build signed by another key, an older version, an old build offered as a newer one; written by the same code `npm run release:publish` uses.
 */
describe('updates from the utility’s own feed', () => {
  const stranger = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  let feeds: Awaited<ReturnType<typeof startUpdateFeedServer>>

  beforeAll(async () => {
    feeds = await startUpdateFeedServer()
    await feeds.publish('good', '1.1.0')
    await writeFile(await feeds.publish('bad-checksum', '1.1.0'), 'a build changed after it was published')
    await unlink(`${await feeds.publish('unsigned', '1.1.0')}.sig`)
    await feeds.publish('other-key', '1.1.0', stranger)
    await feeds.publish('older', '0.9.0')
    // A genuinely signed old build offered as a newer version: the feed file is not signed itself.
    await feeds.publish('rollback', '0.9.0')
    const rollbackFeed = join(feeds.root, 'rollback', 'latest-linux.yml')
    await writeFile(
      rollbackFeed,
      (await readFile(rollbackFeed, 'utf8')).replace('version: 0.9.0', 'version: 9.9.9'),
    )
    await feeds.publish('traversal', '1.1.0')
    await writeFile(
      join(feeds.root, 'traversal', 'latest-linux.yml'),
      'version: 1.1.0\npath: ../good/Vodokanal-1.1.0.AppImage\nsha512: x\n',
    )
  })
  afterAll(() => feeds.stop())

  function cycleOn(name: string, options: { held?: boolean; workOpen?: boolean } = {}) {
    const feedUrl = feeds.url(name)
    const seen: UpdateState[] = []
    const installs: string[] = []
    const restarts: string[] = []
    const timers: { ms: number; run: () => void }[] = []
    let downloads = 0
    const work = { open: options.workOpen ?? false }
    const cycle = new UpdateCycle({
      currentVersion: '1.0.0',
      latest: () => readFeed(feedUrl, 'linux'),
      download: async (release, onProgress) => {
        downloads += 1
        return downloadRelease(feedUrl, release, join(feeds.root, `downloads-${name}`), onProgress)
      },
      check: async (file, release) =>
        checkBuild(file, release, {
          signature: await readSignature(feedUrl, release),
          publicKeyPem: feeds.publicKeyPem,
        }),
      workOpen: () => work.open,
      held: () => options.held ?? false,
      installOnQuit: (file) => installs.push(file),
      restartAndInstall: (file) => restarts.push(file),
      onState: (state) => seen.push(state),
      every: (ms, run) => {
        timers.push({ ms, run })
        return () => undefined
      },
    })
    return { cycle, seen, installs, restarts, timers, work, downloads: () => downloads }
  }

  it('downloads a good build, offers the restart only without open work, and installs on quit', async () => {
    const t = cycleOn('good', { workOpen: true })
    const state = await t.cycle.start()
    expect(state).toEqual({ kind: 'ready', version: '1.1.0', workOpen: true })
    expect(t.seen.some((s) => s.kind === 'downloading' && s.percent === 100)).toBe(true)
    expect(t.installs).toHaveLength(1)
    expect(t.timers.map((timer) => timer.ms)).toEqual([CHECK_EVERY_MS])
    // Never restarts on its own; the user's restart waits for the open work.
    expect(t.restarts).toEqual([])
    expect(t.cycle.restartNow()).toBe('workOpen')
    expect(t.restarts).toEqual([])
    t.work.open = false
    expect(t.cycle.current()).toEqual({ kind: 'ready', version: '1.1.0', workOpen: false })
    expect(t.cycle.restartNow()).toBe('restarting')
    expect(t.restarts).toEqual(t.installs)
    // The four-hourly check finds the same version ready and downloads nothing again.
    t.timers[0]!.run()
    expect(await t.cycle.check()).toMatchObject({ kind: 'ready', version: '1.1.0' })
    expect(t.downloads()).toBe(1)
  })

  it('refuses a build whose bytes differ from the feed’s checksum', async () => {
    const t = cycleOn('bad-checksum')
    expect(await t.cycle.start()).toEqual({ kind: 'rejected', version: '1.1.0', reason: 'checksum' })
    expect(t.installs).toEqual([])
    expect(t.cycle.restartNow()).toBe('nothingReady')
  })

  it('trusts nothing when the program carries no key to check with', async () => {
    const file = join(feeds.root, 'good', 'Vodokanal-1.1.0.AppImage')
    const release = await readFeed(feeds.url('good'), 'linux')
    const signature = await readSignature(feeds.url('good'), release)
    expect(await checkBuild(file, release, { signature, publicKeyPem: null })).toBe('unsigned')
    expect(await checkBuild(file, release, { signature, publicKeyPem: feeds.publicKeyPem })).toBeNull()
  })

  it('refuses an unsigned build, and one signed by another key', async () => {
    const unsigned = cycleOn('unsigned')
    expect(await unsigned.cycle.start()).toEqual({ kind: 'rejected', version: '1.1.0', reason: 'unsigned' })
    const forged = cycleOn('other-key')
    expect(await forged.cycle.start()).toEqual({ kind: 'rejected', version: '1.1.0', reason: 'signature' })
    expect([...unsigned.installs, ...forged.installs]).toEqual([])
  })

  it('refuses a genuinely signed old build offered as a newer version: the signature names its version', async () => {
    const t = cycleOn('rollback')
    expect(await t.cycle.start()).toEqual({ kind: 'rejected', version: '9.9.9', reason: 'signature' })
    expect(t.installs).toEqual([])
    expect(t.cycle.restartNow()).toBe('nothingReady')
  })

  it('refuses an older version without downloading it', async () => {
    const t = cycleOn('older')
    expect(await t.cycle.start()).toEqual({ kind: 'older', version: '1.0.0', offered: '0.9.0' })
    expect(t.downloads()).toBe(0)
  })

  it('keeps a console a supervisor holds on its version', async () => {
    const t = cycleOn('good', { held: true })
    expect(await t.cycle.start()).toEqual({ kind: 'held', version: '1.0.0', available: '1.1.0' })
    expect(t.downloads()).toBe(0)
  })

  it('says so when the feed is unreachable or names a file outside its folder', async () => {
    expect(await cycleOn('missing').cycle.start()).toEqual({
      kind: 'failed',
      message: 'Сервер обновлений ответил 404',
    })
    expect(await cycleOn('traversal').cycle.start()).toEqual({
      kind: 'failed',
      message: 'Имя файла обновления недопустимо',
    })
  })

  it('publishes nothing older than what the folder already holds', async () => {
    await expect(feeds.publish('good', '1.0.5')).rejects.toThrow(
      'В папке уже версия 1.1.0; 1.0.5 старше неё не публикуется',
    )
  })
})
