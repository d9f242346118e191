import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../../package.json'
import { buildTestApp, type TestApp } from '../../support/test-app'
import { loopbackUpdater, startUpdateFeedServer } from '../../support/update-feed-server'

/**
 * Updates wired into the console (docs/delivery.md): the supervisor's feed address and hold
 * from Settings, open work from the console's own database, states pushed to the screens. The shell's
 * part is played by the same feed code the installed program uses, against a loopback server.
 */
describe('updates in the console', () => {
  let feeds: Awaited<ReturnType<typeof startUpdateFeedServer>>
  let t: TestApp
  const restarts: string[] = []
  beforeAll(async () => {
    feeds = await startUpdateFeedServer()
    await feeds.publish('stable', '99.0.0')
  })
  afterAll(() => feeds.stop())
  afterEach(() => t.dispose())

  it('says an uninstalled console does not look for updates', async () => {
    t = await buildTestApp()
    expect(await t.call('updates.status', {}, t.supervisorToken)).toEqual({
      installed: false,
      currentVersion: packageJson.version,
      state: { kind: 'idle' },
    })
    expect(await t.call('updates.restart', {}, t.supervisorToken)).toEqual({ outcome: 'nothingReady' })
  })

  it('refuses a feed address that is not a web address, naming the field, and keeps the old one', async () => {
    t = await buildTestApp()
    const refused = await t.refused('settings.update', { updateFeedUrl: 'ftp://updates' }, t.supervisorToken)
    // The screen names the field in Russian (fields.updateFeedUrl: "Адрес сервера обновлений").
    expect(refused).toEqual({ code: 'INVALID_INPUT', params: { fields: 'updateFeedUrl' } })
    expect((await t.call('settings.get', {}, t.supervisorToken)).updateFeedUrl).toBeNull()
  })

  it('holds at a supervisor’s word, downloads when released, and restarts only without open work', async () => {
    const pushed: string[] = []
    const updater = loopbackUpdater(feeds, restarts)
    t = await buildTestApp({
      updater: (needs) =>
        updater({ ...needs, publish: (status) => (pushed.push(status.state.kind), needs.publish(status)) }),
    })
    const token = t.supervisorToken
    await t.call('settings.update', { updateFeedUrl: feeds.url('stable'), holdVersion: true }, token)
    expect((await t.call('updates.check', {}, token)).state).toEqual({
      kind: 'held',
      version: '1.0.0',
      available: '99.0.0',
    })
    await t.call('settings.update', { holdVersion: false }, token)
    expect((await t.call('updates.check', {}, token)).state).toEqual({
      kind: 'ready',
      version: '99.0.0',
      workOpen: false,
    })
    expect(pushed).toContain('downloading')

    // A clerk's open batch of paper forms holds the restart back.
    const clerk = await t.staffMember('clerk')
    await t.call('readings.openBatch', { receivedOn: '2026-11-20' }, clerk.token)
    expect((await t.call('updates.status', {}, token)).state).toMatchObject({ kind: 'ready', workOpen: true })
    expect(await t.call('updates.restart', {}, token)).toEqual({ outcome: 'workOpen' })
    expect(restarts).toEqual([])
    const batch = (await t.call('readings.currentBatch', {}, clerk.token))!
    await t.call('readings.finishBatch', { batchId: batch.id }, clerk.token)
    expect(await t.call('updates.restart', {}, token)).toEqual({ outcome: 'restarting' })
    expect(restarts).toHaveLength(1)
  })
})
