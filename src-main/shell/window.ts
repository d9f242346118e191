import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session, shell } from 'electron'
import { keepWindowState, rememberedWindowState } from './window-state'

/**
 * The console window, hardened per Electron's security checklist: isolated context, sandboxed
 * renderer without Node, no navigation or new windows, no permissions, CSP from the page's meta tag.
 */
export function createConsoleWindow(): { window: BrowserWindow; isOurPage: (url: string) => boolean } {
  const devServer = process.env.ELECTRON_RENDERER_URL
  const indexUrl = pathToFileURL(join(__dirname, '../renderer/index.html')).href
  const isOurPage = (url: string) =>
    devServer ? url.startsWith(devServer) : url.split('#')[0]!.split('?')[0] === indexUrl

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const remembered = rememberedWindowState()
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    ...remembered?.bounds,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Водоканал — консоль оператора',
    webPreferences: {
      preload: join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => {
    if (remembered?.maximized) window.maximize()
    window.show()
  })
  keepWindowState(window)
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the system browser, never inside the console.
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void (devServer ? window.loadURL(devServer) : window.loadFile(join(__dirname, '../renderer/index.html')))
  return { window, isOurPage }
}
