import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { validateConfiguration, getConfig } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import config, { FUSES } from '../../../electron-builder.config'
import { electronBinary } from '../../../scripts/release/electron-binary'

/**
 * The installers' configuration (docs/delivery.md). The Electron binary is not on every
 * machine (not on CI here), so what can be checked without it is: electron-builder's own validation
 * of the configuration, the fuses it flips, and `npm run dist` refusing clearly where Electron is absent.
 */
describe('packaging', () => {
  const root = resolve(__dirname, '../../..')
  const electronPresent = electronBinary() !== null

  it('passes electron-builder’s own validation, loaded from its file as the packer loads it', async () => {
    const loaded = await getConfig(root, resolve(root, 'electron-builder.config.ts'), null)
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined()
    expect(loaded.appId).toBe(config.appId)
  })

  it('refuses a configuration with a mistake in it (the validation is real)', async () => {
    await expect(
      validateConfiguration(
        { ...config, nsis: { ...config.nsis, oneClik: false } as never },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration object/)
  })

  it('makes the installers the utility needs, with a Russian product name and the icon', () => {
    expect(config.productName).toBe('Водоканал — консоль оператора')
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, language: '1049' })
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(true)
    expect(existsSync(resolve(root, 'resources/icon.png'))).toBe(true)
  })

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption and ASAR integrity on', () => {
    expect(config.electronFuses).toEqual(FUSES)
    expect(FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it.skipIf(electronPresent)(
    'npm run dist stops with a clear message where the Electron binary is missing (skipped where Electron is installed)',
    () => {
      const run = spawnSync('npx', ['tsx', 'scripts/release/dist.ts', '--linux'], {
        cwd: root,
        encoding: 'utf8',
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('на этой машине нет Electron')
      expect(existsSync(resolve(root, 'dist'))).toBe(false)
    },
  )
})
