import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron'
import type { ConsoleApp } from '../app'

/** Binds the router to IPC; calls from any frame other than our own top-level page are refused. */
export function bindRouterToIpc(app: ConsoleApp, window: BrowserWindow, isOurPage: (url: string) => boolean) {
  ipcMain.handle(
    'vodokanal:invoke',
    async (
      event,
      request: { channel: string; payload: unknown; token: string | null; background?: unknown },
    ) => {
      if (!isTrustedFrame(event.senderFrame, window, isOurPage))
        return { ok: false, error: { code: 'FORBIDDEN' } }
      return app.router.invoke({ ...request, background: request.background === true })
    },
  )
  const off = app.events.onContractEvent((name, data) => {
    if (!window.isDestroyed()) window.webContents.send('vodokanal:event', { event: name, data })
  })
  window.on('closed', () => {
    off()
    ipcMain.removeHandler('vodokanal:invoke')
  })
}

function isTrustedFrame(
  frame: WebFrameMain | null,
  window: BrowserWindow,
  isOurPage: (url: string) => boolean,
) {
  return !!frame && frame === window.webContents.mainFrame && isOurPage(frame.url)
}
