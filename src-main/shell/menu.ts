import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { ConsoleApp } from '../app'
import { serviceView } from '../sync/central-settings'

/** A short Russian menu: the console is driven from its own screens, the menu only holds the basics. */
export function installMenu(window: BrowserWindow, consoleApp: ConsoleApp): void {
  const template: MenuItemConstructorOptions[] = [
    { label: 'Файл', submenu: [{ role: 'quit', label: 'Выход' }] },
    {
      label: 'Правка',
      submenu: [
        { role: 'undo', label: 'Отменить' },
        { role: 'redo', label: 'Повторить' },
        { type: 'separator' },
        { role: 'cut', label: 'Вырезать' },
        { role: 'copy', label: 'Копировать' },
        { role: 'paste', label: 'Вставить' },
        { role: 'selectAll', label: 'Выделить всё' },
      ],
    },
    {
      label: 'Вид',
      submenu: [
        { role: 'resetZoom', label: 'Обычный масштаб' },
        { role: 'zoomIn', label: 'Крупнее' },
        { role: 'zoomOut', label: 'Мельче' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Во весь экран' },
      ],
    },
    {
      label: 'Справка',
      submenu: [
        // The same panel F1 opens in the window: the keys of the screen in front of the user.
        {
          label: 'Клавиши консоли',
          accelerator: 'F1',
          click: () => consoleApp.events.emit('shell.help', {}),
        },
        { type: 'separator' },
        { label: 'О программе', click: () => void showAbout(window, consoleApp) },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** Version and this console's identity at the central service: what support asks for first. */
async function showAbout(window: BrowserWindow, consoleApp: ConsoleApp): Promise<void> {
  const service = serviceView(consoleApp.local.sql)
  await dialog.showMessageBox(window, {
    type: 'info',
    title: 'О программе',
    message: `Водоканал — консоль оператора, версия ${app.getVersion()}`,
    detail: [
      service.configured
        ? `Консоль «${service.consoleName}», номер ${service.consoleId}\nЦентральная служба: ${service.url}`
        : 'Консоль не подключена к центральной службе',
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}`,
      '© ГУП «Водоканал» Севастополя',
    ].join('\n\n'),
    buttons: ['Закрыть'],
  })
}
