import { createApp } from '../../../src-main/app'

/**
 * A console as its own OS process, for the test that kills one with SIGKILL mid-push:
 * `tsx console-process.ts <dataDir> <centralUrl>`. Prints "ready" once started.
 */
const [dataDir, url] = process.argv.slice(2)
if (!dataDir || !url) throw new Error('usage: console-process <dataDir> <centralUrl>')
await createApp({ dataDir, passwordHashLogN: 10, central: { url, periodicMs: 60_000 } })
console.log('ready')
