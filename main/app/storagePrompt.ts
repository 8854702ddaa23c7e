/**
 * What the desktop app shows when a recording meets a full disk (the recorder's `StorageNotice`s,
 * shared/domain/storageNotices.ts), through dialogs of the main process so it works whatever screen
 * the renderer shows: a warning when the disk fills up (once per session, not every reminder), when
 * the memory reserve runs out, and a note when everything is saved after all. When a session is
 * stopped and cannot be closed for lack of room, the therapist chooses: wait for room, save the
 * session in another folder (a folder dialog: e.g. a USB stick), or give the unsaved part up.
 *
 * The dialogs are injected (`PromptDialogs`: Electron's `dialog` in electronMain.ts), so this runs and
 * is tested in plain Node.
 */
import { formatStorageNotice, type StorageNotice, type StorageNoticeLocale } from '../../shared/domain/storageNotices.js';
import type { AppRecorder } from './appPorts.js';

export interface PromptDialogs {
  /** Show a message without waiting for it. */
  message(kind: 'warning' | 'info', text: string): void;
  /** Ask; resolves with the index of the chosen button. */
  choose(text: string, buttons: readonly string[]): Promise<number>;
  /** A folder chosen by the user, or null. */
  chooseFolder(title: string): Promise<string | null>;
}

const BUTTONS: Record<StorageNoticeLocale, readonly string[]> = {
  nl: ['Wachten op ruimte', 'Opslaan in een andere map…', 'Opgeven'],
  en: ['Wait for room', 'Save in another folder…', 'Give up'],
};
const FOLDER_TITLE: Record<StorageNoticeLocale, string> = {
  nl: 'Map op een andere schijf voor de sessie',
  en: 'Folder on another disk for the session',
};

/** `storagePrompt` — the `onStorageNotice` handler of the desktop app's core (see the file comment). */
export function storagePrompt(
  dialogs: PromptDialogs,
  locale: () => StorageNoticeLocale,
  liveRecorder: () => AppRecorder | null,
): (n: StorageNotice) => void {
  const warned = new Set<number>();
  const asked = new Set<number>();
  return (n) => {
    const lang = locale();
    const text = formatStorageNotice(n, lang, 'app');
    switch (n.code) {
      case 'disk-full':
        if (warned.has(n.sessionId)) return;
        warned.add(n.sessionId);
        dialogs.message('warning', text);
        return;
      case 'dropping':
      case 'abandoned':
        dialogs.message('warning', text);
        return;
      case 'saved':
      case 'overflow-saved':
        dialogs.message('info', text);
        return;
      case 'waiting-to-stop': {
        if (asked.has(n.sessionId)) return;
        asked.add(n.sessionId);
        void ask(text, lang);
        return;
      }
    }
  };

  async function ask(text: string, lang: StorageNoticeLocale): Promise<void> {
    for (;;) {
      const choice = await dialogs.choose(text, BUTTONS[lang]);
      const rec = liveRecorder();
      if (!rec?.diskFull) return; // saved meanwhile
      if (choice === 1) {
        const dir = await dialogs.chooseFolder(FOLDER_TITLE[lang]);
        if (dir === null) continue;
        rec.saveToOverflow?.(dir);
        return;
      }
      if (choice === 2) rec.abandonUnsaved?.();
      return;
    }
  }
}
