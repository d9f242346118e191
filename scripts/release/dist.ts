import { spawnSync } from 'node:child_process'
import { electronBinary } from './electron-binary'

/**
 * `npm run dist -- --win|--linux`: builds the console and packs the installers into dist/. Packing
 * needs the Electron binary; where it is missing the command says so and stops before building.
 */
if (!electronBinary()) {
  console.error(
    'Сборка установщиков невозможна: на этой машине нет Electron (npm ci шёл с ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Установите его командой `node node_modules/electron/install.js` (нужен доступ к github.com) и повторите.',
  )
  process.exit(1)
}
const targets = process.argv.slice(2)
if (!targets.some((arg) => arg === '--win' || arg === '--linux')) {
  console.error('Укажите платформу: npm run dist -- --linux или npm run dist -- --win')
  process.exit(2)
}
const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
run('npx', ['electron-builder', '--config', 'electron-builder.config.ts', ...targets])
