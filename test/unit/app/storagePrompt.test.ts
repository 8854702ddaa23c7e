// What the desktop app tells the therapist when a recording meets a full disk: one warning per
// session (not every reminder), a note when all is saved after all, and — when a stopped session
// cannot be closed — a choice: wait, save in another folder (a folder dialog), or give up. The
// notices in Dutch and English name what happened to the data; none says "internal error".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { storagePrompt, type PromptDialogs } from '../../../main/app/storagePrompt.js';
import type { AppRecorder } from '../../../main/app/appPorts.js';
import { formatStorageNotice, type StorageNotice, type StorageNoticeCode } from '../../../shared/domain/storageNotices.js';

class FakeDialogs implements PromptDialogs {
  messages: [string, string][] = [];
  questions: string[] = [];
  answers: number[] = [];
  folders: (string | null)[] = [];
  message(kind: 'warning' | 'info', text: string): void {
    this.messages.push([kind, text]);
  }
  async choose(text: string): Promise<number> {
    this.questions.push(text);
    return this.answers.shift() ?? 0;
  }
  async chooseFolder(): Promise<string | null> {
    return this.folders.shift() ?? null;
  }
}

function fakeRecorder(): AppRecorder & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    diskFull: true,
    saveToOverflow: (dir?: string) => void calls.push(`overflow ${dir}`),
    abandonUnsaved: () => void calls.push('abandon'),
  } as unknown as AppRecorder & { calls: string[] };
}

const notice = (code: StorageNoticeCode, extra: Partial<StorageNotice> = {}): StorageNotice => ({
  code,
  sessionId: 3,
  heldSec: 42,
  maxHeldSec: 1800,
  file: '/data/cadans.sqlite',
  hasOverflowDir: false,
  ...extra,
});
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('storage notices', () => {
  test('every code in both languages names the session and what happens to the data', () => {
    const codes: StorageNoticeCode[] = ['disk-full', 'saved', 'dropping', 'waiting-to-stop', 'overflow-saved', 'abandoned'];
    for (const code of codes) {
      for (const lang of ['nl', 'en'] as const) {
        const text = formatStorageNotice(notice(code, { file: '/x/y.sqlite', fromSec: 1800 }), lang);
        assert.match(text, /3/, text);
        assert.doesNotMatch(text, /internal error|undefined|NaN/, text);
      }
    }
    assert.equal(
      formatStorageNotice(notice('disk-full'), 'nl'),
      'Schijf vol: 42 s van sessie 3 nog niet opgeslagen; wordt in het geheugen bewaard (tot 30 min) en opgeslagen zodra er ruimte is. ' +
        'Maak ruimte vrij op de schijf van /data/cadans.sqlite.',
    );
    assert.match(formatStorageNotice(notice('waiting-to-stop'), 'en', 'cli'), /stop again to give up .*--overflow-dir/);
    assert.doesNotMatch(formatStorageNotice(notice('waiting-to-stop'), 'en', 'app'), /--overflow-dir/);
    assert.match(formatStorageNotice(notice('overflow-saved', { file: '/usb/s.sqlite' }), 'en', 'cli'), /--db \/usb\/s\.sqlite/);
  });
});

describe('storagePrompt (desktop app)', () => {
  test('warns once per session, notes when saved after all, and when the memory reserve runs out', () => {
    const d = new FakeDialogs();
    const on = storagePrompt(d, () => 'en', () => null);
    on(notice('disk-full'));
    on(notice('disk-full', { heldSec: 72 }));
    on(notice('dropping', { fromSec: 1800 }));
    on(notice('saved'));
    on(notice('disk-full', { sessionId: 4 }));
    assert.deepEqual(
      d.messages.map(([k, t]) => [k, t.split(':')[0]]),
      [
        ['warning', 'Disk full'],
        ['warning', 'Disk still full'],
        ['info', 'Space is back'],
        ['warning', 'Disk full'],
      ],
    );
  });

  test('a stopped session that cannot be closed: the therapist picks a folder on another disk', async () => {
    const d = new FakeDialogs();
    const rec = fakeRecorder();
    const on = storagePrompt(d, () => 'nl', () => rec);
    d.answers = [1, 1];
    d.folders = [null, '/media/usb'];
    on(notice('waiting-to-stop'));
    on(notice('waiting-to-stop')); // the 30-s reminder does not ask again
    for (let i = 0; i < 5; i++) await settle();
    assert.equal(d.questions.length, 2, 'asked again after the folder dialog was cancelled');
    assert.match(d.questions[0], /^Schijf vol: 42 s van sessie 3 nog niet opgeslagen; Cadans wacht op ruimte/);
    assert.match(d.questions[0], /andere schijf \(bijvoorbeeld een USB-stick\)/);
    assert.deepEqual(rec.calls, ['overflow /media/usb']);
  });

  test('or gives the unsaved part up; or waits (nothing happens)', async () => {
    const d = new FakeDialogs();
    const rec = fakeRecorder();
    d.answers = [2];
    storagePrompt(d, () => 'en', () => rec)(notice('waiting-to-stop'));
    for (let i = 0; i < 5; i++) await settle();
    assert.deepEqual(rec.calls, ['abandon']);

    const d2 = new FakeDialogs();
    const rec2 = fakeRecorder();
    d2.answers = [0];
    storagePrompt(d2, () => 'en', () => rec2)(notice('waiting-to-stop'));
    for (let i = 0; i < 5; i++) await settle();
    assert.deepEqual(rec2.calls, []);
  });
});
