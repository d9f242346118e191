import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { writeReleaseFolder, type ReleaseBuild } from './release-folder'

/**
 * `npm run release:publish -- --dir FOLDER --key signing-key.pem [--from dist]`: puts the builds of
 * this version that `npm run dist` made into the utility's update folder, signed (docs/delivery.md).
 */
const { values } = parseArgs({
  options: { dir: { type: 'string' }, key: { type: 'string' }, from: { type: 'string', default: 'dist' } },
})
if (!values.dir || !values.key) {
  console.error('Укажите папку обновлений и ключ подписи: --dir ПАПКА --key КЛЮЧ.pem')
  process.exit(2)
}
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
const from = resolve(values.from!)
const builds: ReleaseBuild[] = readdirSync(from)
  .filter((name) => name.includes(version))
  .flatMap((name): ReleaseBuild[] => {
    const path = join(from, name)
    if (name.endsWith('.AppImage') || name.endsWith('.deb')) return [{ path, platform: 'linux' }]
    if (name.endsWith('.exe')) return [{ path, platform: 'win' }]
    return []
  })
if (!builds.length) {
  console.error(`В ${from} нет сборок версии ${version}: сначала npm run dist -- --linux или --win`)
  process.exit(1)
}
const written = await writeReleaseFolder({
  dir: resolve(values.dir),
  version,
  builds,
  privateKeyPem: readFileSync(values.key, 'utf8'),
})
console.log(`Опубликовано в ${values.dir}: ${written.join(', ')}`)
