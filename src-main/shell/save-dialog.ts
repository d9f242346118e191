import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import type { SaveFileDialog } from '../modules/exports/handlers'

const FILTERS: Record<string, Electron.FileFilter> = {
  xlsx: { name: 'Книга Excel', extensions: ['xlsx'] },
  csv: { name: 'CSV (разделитель — точка с запятой)', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
}

/** Electron's save dialog for a finished export, opening in the person's Documents folder. */
export const electronSaveDialog: SaveFileDialog = async (suggestedName) => {
  const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1)
  const window = BrowserWindow.getFocusedWindow()
  const options: Electron.SaveDialogOptions = {
    title: 'Сохранить выгрузку',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: FILTERS[extension] ? [FILTERS[extension]] : [],
  }
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath
}
