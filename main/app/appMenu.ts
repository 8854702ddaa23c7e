/**
 * The application menu of the desktop app: the usual File/Edit/View/Window entries (the Edit roles
 * keep copy and paste working in text fields, also on macOS), but no developer tools and no reload
 * — Electron's default menu has both (Ctrl+Shift+I, Ctrl+R), which would open a console on client
 * records or throw away a running session's screen. Built as a plain template (type-only import),
 * so it is unit tested without Electron; electronMain.ts installs it with `Menu.buildFromTemplate`.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** Roles that must never be in the menu: developer tools, reloads, and the stock menus that contain them. */
export const FORBIDDEN_MENU_ROLES: readonly string[] = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'defaultMenu'];

/** `appMenuTemplate`: the menu for `platform` (macOS gets its application menu first). */
export function appMenuTemplate(platform: NodeJS.Platform, nl = true): MenuItemConstructorOptions[] {
  const label = (dutch: string, english: string): string => (nl ? dutch : english);
  const mac = platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) {
    menu.push({
      label: 'Cadans',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  menu.push(
    { label: label('Bestand', 'File'), submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: label('Bewerken', 'Edit'),
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: label('Beeld', 'View'),
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: label('Venster', 'Window'), submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as const] : []), { role: 'close' }] },
  );
  return menu;
}

/** Every item of a template, nested submenus included. */
export function menuItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : [])]);
}
