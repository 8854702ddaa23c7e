import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../../main/app/SettingsStore.js';

describe('SettingsStore', () => {
  test('Dutch by default; language and display choices are remembered in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadans-settings-'));
    try {
      const file = join(dir, 'x', 'settings.json');
      const a = new SettingsStore(file);
      assert.equal(a.get().locale, 'nl');
      assert.equal(a.get().display.clientShowsNumbers, false);
      a.setLocale('en');
      a.setDisplay({ clientShowsNumbers: true, tachogramWindowSec: 180 });
      const b = new SettingsStore(file);
      assert.equal(b.get().locale, 'en');
      assert.equal(b.get().display.clientShowsNumbers, true);
      assert.equal(b.get().display.tachogramWindowSec, 180);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('invalid values are refused, naming the field; a damaged file gives the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadans-settings-'));
    try {
      const file = join(dir, 'settings.json');
      writeFileSync(file, '{ not json');
      const s = new SettingsStore(file);
      assert.equal(s.get().locale, 'nl');
      assert.throws(() => s.setDisplay({ tachogramWindowSec: 20 }), /tachogramWindowSec must be 60–300/);
      assert.throws(() => s.setDisplay({ pacerVisual: 'spiral' as never }), /pacerVisual must be one of/);
      assert.throws(() => s.setDisplay({ colour: 'red' } as never), /unknown display setting 'colour'/);
      assert.throws(() => s.setLocale('fr' as never), /unknown language/);
      assert.equal(s.get().display.tachogramWindowSec, 120, 'nothing changed');
      writeFileSync(file, JSON.stringify({ locale: 'en', display: { audioCue: 'yes', clientShowsHeartRate: false } }));
      const t = new SettingsStore(file);
      assert.equal(t.get().locale, 'en');
      assert.equal(t.get().display.audioCue, false, 'bad stored value → default');
      assert.equal(t.get().display.clientShowsHeartRate, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
