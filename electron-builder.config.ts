import type { Configuration } from 'electron-builder'

/**
 * Electron's fuses, flipped in the packaged binary (electron-builder does it with @electron/fuses):
 * the program cannot be turned into a plain Node runtime, take NODE_OPTIONS or a debugger, or load
 * code from anywhere but its own integrity-checked app.asar.
 */
export const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
} as const

/**
 * Where installed consoles look for updates until a supervisor sets another address (Settings →
 * Обновления); given at build time for the utility's network, empty otherwise.
 */
const updateUrl = process.env.VODOKANAL_UPDATE_URL ?? 'https://updates.vodokanal.invalid/console/'

/** The installers (`npm run dist -- --win|--linux`), described in docs/delivery.md. */
const config: Configuration = {
  appId: 'ru.sevastopol.vodokanal.console',
  // The installers register vodokanal: links, which softphones open on an incoming call (docs/screen-pop.md).
  protocols: [{ name: 'Консоль «Водоканал»', schemes: ['vodokanal'] }],
  productName: 'Водоканал — консоль оператора',
  executableName: 'vodokanal-console',
  copyright: '© ГУП «Водоканал» Севастополя',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**/*', 'package.json'],
  extraResources: [{ from: 'resources', to: '.', filter: ['update-signing.pub.pem'] }],
  asar: true,
  // Native modules cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3 rebuilt for Electron's ABI from its sources.
  npmRebuild: true,
  electronFuses: FUSES,
  publish: [{ provider: 'generic', url: updateUrl }],
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png',
    // electron-updater installs only builds signed by this publisher.
    signtoolOptions: { publisherName: ['ГУП «Водоканал»'] },
  },
  nsis: {
    oneClick: false,
    // The installer asks: for every user of the PC (call centre) or only this one.
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['ru_RU'],
    language: '1049',
    shortcutName: 'Водоканал',
    artifactName: 'vodokanal-console-setup-${version}.${ext}',
  },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icon.png',
    category: 'Office',
    maintainer: 'ГУП «Водоканал» Севастополя <it@vodokanal.invalid>',
    synopsis: 'Консоль оператора: лицевые счета, показания, заявки и обращения',
    artifactName: 'vodokanal-console-${version}-${arch}.${ext}',
  },
}

export default config
