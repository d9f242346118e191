// `npm start` runs this before the Electron window opens. Tests and the browser shell load
// better-sqlite3 compiled for Node; Electron has its own ABI. Rather than rebuild the shared copy
// back and forth, a second copy is compiled for Electron into .electron-native/ and the main process
// loads it through better-sqlite3's `nativeBinding` option (src-main/shell/native-binding.ts).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = resolve(import.meta.dirname, '..')
const target = join(root, '.electron-native')
const electronVersion = require('electron/package.json').version
const sqliteVersion = require('better-sqlite3/package.json').version
const stamp = join(target, 'built-for.txt')
const sqliteName = require('better-sqlite3/package.json').name
const wanted = `electron ${electronVersion}, ${sqliteName} ${sqliteVersion}`

const electronPath = require('electron')
if (!existsSync(electronPath)) {
  console.error(
    'Electron is not installed on this machine (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Install it with `node node_modules/electron/install.js`, or run the console in a browser: npm run start:browser',
  )
  process.exit(1)
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0)

mkdirSync(join(target, 'node_modules'), { recursive: true })
writeFileSync(
  join(target, 'package.json'),
  JSON.stringify({
    name: 'electron-native',
    private: true,
    dependencies: { 'better-sqlite3': sqliteVersion },
  }),
)
cpSync(join(root, 'node_modules/better-sqlite3'), join(target, 'node_modules/better-sqlite3'), {
  recursive: true,
  filter: (source) => !source.includes(`${'better-sqlite3'}/build`),
})
// Electron's documented manual rebuild: node-gyp against Electron's headers. npm tells scripts
// where its own node-gyp is, so nothing extra is installed.
const nodeGyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js')
console.log(`Building better-sqlite3 for ${wanted}…`)
const build = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: join(target, 'node_modules/better-sqlite3'), stdio: 'inherit' },
)
if (build.status !== 0) process.exit(build.status ?? 1)
writeFileSync(stamp, wanted)
