import { app, dialog, Notification, type BrowserWindow } from 'electron'
import log from 'electron-log/main'
import { incomingCallIn, incomingCallLink } from '@shared/domain/incoming-call'
import { createApp, type ConsoleApp } from './app'
import { AppError } from './errors'
import { fileLog } from './logging/app-log'
import { bindRouterToIpc } from './shell/ipc'
import { installMenu } from './shell/menu'
import { electronNativeBinding } from './shell/native-binding'
import { safeStorageBox } from './shell/safe-storage-box'
import { electronSaveDialog } from './shell/save-dialog'
import { electronUpdaterFactory } from './shell/updater'
import { createConsoleWindow } from './shell/window'

/** The Electron entry: wires the composition root to one hardened window. No business logic here. */
let consoleApp: ConsoleApp | null = null

let consoleWindow: BrowserWindow | null = null

// One console per user: a second start brings the running one forward instead (Electron's
// documented single-instance pattern), so two windows never write one database. A softphone's
// `--incoming-call +7…` or `vodokanal://call/+7…` start is such a second start: the running console
// opens the caller's search (docs/screen-pop.md).
if (!app.requestSingleInstanceLock()) app.quit()
else {
  app.on('second-instance', (_event, argv) => {
    if (!consoleWindow) return
    if (consoleWindow.isMinimized()) consoleWindow.restore()
    consoleWindow.focus()
    announceCall(incomingCallIn(argv))
  })
  // macOS hands links to the running app itself.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    announceCall(incomingCallLink(url))
  })
  app.setAsDefaultProtocolClient('vodokanal')
}

function announceCall(phone: string | null) {
  if (phone && consoleApp) consoleApp.events.emit('call.incoming', { phone })
}

// Any web contents other than our window (there should be none) may not open windows either.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

/**
 * Without the operating system's key store the local copy cannot be protected, so the console does
 * not start and says how to fix the machine (docs/delivery.md, "The key store"). Nothing is moved.
 */
const NO_KEY_STORE =
  'Консоль не может защитить локальную копию данных: на этом компьютере недоступно хранилище ключей ' +
  '(в Linux — связка ключей GNOME Keyring или KWallet). Обратитесь к администратору: в сеансе ' +
  'пользователя должна работать связка ключей (пакет gnome-keyring или kwalletmanager); ' +
  'подробности — в журнале консоли.'

app.whenReady().then(async () => {
  try {
    await start()
  } catch (error) {
    log.error('the console did not start', error)
    if (error instanceof AppError && error.code === 'SECRET_STORE_UNAVAILABLE') {
      dialog.showErrorBox('Консоль «Водоканал»', NO_KEY_STORE)
      app.quit()
      return
    }
    throw error
  }
})

async function start() {
  consoleApp = await createApp({
    dataDir: app.getPath('userData'),
    nativeBinding: electronNativeBinding(),
    // The central database password is sealed by the operating system, never stored in clear.
    secrets: safeStorageBox(),
    saveDialog: electronSaveDialog,
    updater: electronUpdaterFactory,
    logger: fileLog(log, app.getPath('logs')),
    checkOutputs: !app.isPackaged,
  })
  const { window, isOurPage } = createConsoleWindow()
  consoleWindow = window
  installMenu(window, consoleApp)
  bindRouterToIpc(consoleApp, window, isOurPage)
  // New work for the person at this console: the system's own notification, which never takes the
  // focus from what they are typing (the browser shell shows a quiet toast instead).
  consoleApp.events.on('work.assigned', ({ questions }) => {
    if (!Notification.isSupported()) return
    new Notification({
      title: 'Водоканал — новые обращения',
      body: `Вам назначены обращения абонентов: ${questions}. Откройте раздел «Обращения».`,
      silent: true,
    }).show()
  })
}

app.on('window-all-closed', () => app.quit())

app.on('will-quit', () => {
  void consoleApp?.close()
})
