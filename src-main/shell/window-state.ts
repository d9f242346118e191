import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, screen, type BrowserWindow, type Rectangle } from 'electron'

interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

const stateFile = () => join(app.getPath('userData'), 'window-state.json')

/**
 * Where the window was and how big, remembered between runs; a place on a display that is no longer
 * attached (a laptop off its docking station) is forgotten rather than opening the window off-screen.
 */
export function rememberedWindowState(): WindowState | null {
  try {
    const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as WindowState
    const { x, y, width, height } = state.bounds
    const visible = screen
      .getAllDisplays()
      .some(
        ({ workArea: area }) =>
          x < area.x + area.width && x + width > area.x && y < area.y + area.height && y + height > area.y,
      )
    return visible ? state : null
  } catch {
    return null
  }
}

export function keepWindowState(window: BrowserWindow): void {
  const save = () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    try {
      writeFileSync(stateFile(), JSON.stringify(state), { mode: 0o600 })
    } catch {
      // A window that cannot remember its place still works.
    }
  }
  window.on('close', save)
}
