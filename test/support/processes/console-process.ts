import { fileSecretBox } from '../../../src-main/browser-shell/file-secret-box'
import { createApp } from '../../../src-main/app'
import { readStoredService } from '../../../src-main/sync/central-settings'
import { openLocalCopy } from '../../../src-main/db/local/local-copy'

/**
 * A console as its own OS process, for the test that kills one with SIGKILL mid-push:
 * `tsx console-process.ts <dataDir> <serviceUrl>`. The console is enrolled already (its identity is
 * in the data folder); `serviceUrl` points it straight at the service. Prints "ready" once started.
 */
const [dataDir, url] = process.argv.slice(2)
if (!dataDir || !url) throw new Error('usage: console-process <dataDir> <serviceUrl>')
const local = (await openLocalCopy({ dataDir, box: fileSecretBox(dataDir), now: new Date() })).local
const stored = readStoredService(local.sql)
if (!stored) throw new Error('console-process: the console is not enrolled')
local.sql
  .prepare(`UPDATE settings SET value = ? WHERE key = 'centralService'`)
  .run(JSON.stringify({ ...stored, url }))
await local.close()
await createApp({
  dataDir,
  passwordHashLogN: 10,
  secrets: fileSecretBox(dataDir),
  // Small batches, so that a kill once the first has landed finds the push in the middle.
  syncTiming: { periodicMs: 60_000, pushBatchSize: 50 },
})
console.log('ready')
