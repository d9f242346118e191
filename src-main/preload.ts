import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'

/**
 * The whole surface the page gets in Electron: `invoke` and `subscribe`, nothing else (Electron's
 * security checklist, "do not expose Electron APIs to untrusted web content").
 */
contextBridge.exposeInMainWorld('vodokanal', {
  invoke: (channel: string, payload: unknown, token: string | null, background = false) =>
    ipcRenderer.invoke('vodokanal:invoke', { channel, payload, token, background }),
  subscribe: (listener: (event: string, data: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, message: { event: string; data: unknown }) =>
      listener(message.event, message.data)
    ipcRenderer.on('vodokanal:event', forward)
    return () => {
      ipcRenderer.off('vodokanal:event', forward)
    }
  },
})
