// The practice database set in the app (issue 17: "CADANS_PRACTICE_DB … or the same in the app's
// settings"): the address is checked (postgres:// with a server, never a password), kept in the
// settings file next to the database, put in place of CADANS_PRACTICE_DB when a process starts on
// that database and the variable is not set (the environment goes first), and the app is told
// whether it takes effect after a restart.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCalls } from '../../../main/app/appCalls.js';
import { EventHub } from '../../../main/app/eventHub.js';
import { checkPracticeDbSetting } from '../../../main/app/practiceDbSetting.js';
import { applyPracticeSetting } from '../../../main/app/practiceSetting.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { CadansError, errorText } from '../../../shared/i18n/CadansError.js';
import { practiceServerSchema } from '../../../shared/ipc/practiceSchemas.js';
import { check } from '../../../shared/ipc/schema.js';

const INFO = { version: '0', host: 'web' as const, defaultSensorSpec: null, dbPath: ':memory:' };

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof CadansError, String(e));
    return e.code;
  }
  return 'accepted';
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-practice-setting-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the practice database in the app settings', () => {
  test('an address is a postgres:// URL with a server and no password; empty clears it', () => {
    assert.equal(checkPracticeDbSetting('  postgres://anna@praktijk:5432/cadans  '), 'postgres://anna@praktijk:5432/cadans');
    assert.equal(checkPracticeDbSetting('postgresql://anna@10.0.0.5/cadans?sslmode=require'), 'postgresql://anna@10.0.0.5/cadans?sslmode=require');
    assert.equal(checkPracticeDbSetting(''), null);
    assert.equal(checkPracticeDbSetting(null), null);
    for (const bad of ['mysql://anna@server/db', 'postgres://', 'praktijkserver', 'postgres://anna@server/db\nx', 'postgres://anna@ser ver/db', `postgres://anna@server/${'d'.repeat(600)}`]) {
      assert.equal(codeOf(() => checkPracticeDbSetting(bad)), 'practiceDb.settingBadUrl', bad.slice(0, 40));
    }
    assert.equal(codeOf(() => checkPracticeDbSetting('postgres://anna:geheim@server/db')), 'practiceDb.settingPassword');
    // The refusal in the user's language, without the password.
    const e = (() => {
      try {
        checkPracticeDbSetting('mysql://anna:geheim@server/db');
      } catch (x) {
        return x;
      }
    })();
    const nl = errorText('nl', e);
    assert.match(nl, /moet de vorm postgres:\/\/gebruiker@server:poort\/database hebben/);
    assert.doesNotMatch(nl, /geheim/);
    assert.match(errorText('en', new CadansError('practiceDb.settingPassword')), /Do not put a password/);
    // The call's schema: text (≤ 500) or null.
    assert.equal(check(practiceServerSchema, null), null);
    assert.notEqual(check(practiceServerSchema, 42), null);
  });

  test('kept in the settings file; a damaged or hand-edited value with a password counts as none', () => {
    withDir((dir) => {
      const file = join(dir, 'cadans.sqlite.settings.json');
      const a = new SettingsStore(file);
      assert.equal(a.get().practiceDb, null);
      a.setPracticeDb('postgres://anna@praktijk/cadans');
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).practiceDb, 'postgres://anna@praktijk/cadans');
      assert.equal(new SettingsStore(file).get().practiceDb, 'postgres://anna@praktijk/cadans');
      assert.throws(() => a.setPracticeDb('postgres://anna:pw@praktijk/cadans'));
      assert.equal(new SettingsStore(file).get().practiceDb, 'postgres://anna@praktijk/cadans', 'a refused address changes nothing');
      a.setPracticeDb(null);
      assert.equal(new SettingsStore(file).get().practiceDb, null);
      for (const damaged of [{ practiceDb: 'postgres://anna:pw@praktijk/cadans' }, { practiceDb: 7 }, { practiceDb: 'http://x' }]) {
        writeFileSync(file, JSON.stringify({ locale: 'en', ...damaged }));
        assert.equal(new SettingsStore(file).get().practiceDb, null, JSON.stringify(damaged));
        assert.equal(new SettingsStore(file).get().locale, 'en', 'the rest of the file still counts');
      }
    });
  });

  test('a process on the database uses the setting unless CADANS_PRACTICE_DB is set', () => {
    withDir((dir) => {
      const db = join(dir, 'cadans.sqlite');
      const none: NodeJS.ProcessEnv = {};
      assert.equal(applyPracticeSetting(db, none), null, 'no settings file: practice mode stays off');
      assert.equal(none.CADANS_PRACTICE_DB, undefined);
      new SettingsStore(db + '.settings.json').setPracticeDb('postgres://anna@praktijk/cadans');
      const env: NodeJS.ProcessEnv = { CADANS_PRACTICE_DB: '  ' };
      assert.equal(applyPracticeSetting(db, env), 'settings');
      assert.equal(env.CADANS_PRACTICE_DB, 'postgres://anna@praktijk/cadans');
      assert.equal(applyPracticeSetting(db, env), 'settings', 'applied twice in one process (the CLI, then the web core): still the setting');
      const own: NodeJS.ProcessEnv = { CADANS_PRACTICE_DB: 'postgres://bram@elders/cadans' };
      assert.equal(applyPracticeSetting(db, own), 'env');
      assert.equal(own.CADANS_PRACTICE_DB, 'postgres://bram@elders/cadans', 'the environment goes first');
      assert.equal(applyPracticeSetting(':memory:', {}), null);
    });
  });

  test('setPracticeServer says whether the address waits for a restart or for CADANS_PRACTICE_DB to go', () => {
    withDir((dir) => {
      const settings = new SettingsStore(join(dir, 's.json'));
      const hub = new EventHub();
      const seen: unknown[] = [];
      hub.addSink((name, payload) => name === 'onSettings' && seen.push(payload));
      const off = new AppCalls(INFO, settings, hub, undefined, { url: null, source: null });
      assert.deepEqual(off.setPracticeServer('postgres://anna@praktijk/cadans'), { practiceDb: 'postgres://anna@praktijk/cadans', overriddenByEnv: false, restartNeeded: true });
      assert.equal((seen.at(-1) as { practiceDb: string }).practiceDb, 'postgres://anna@praktijk/cadans', 'every window hears of it');
      const inUse = new AppCalls(INFO, settings, hub, undefined, { url: 'postgres://anna@praktijk/cadans', source: 'settings' });
      assert.deepEqual(inUse.setPracticeServer('postgres://anna@praktijk/cadans'), { practiceDb: 'postgres://anna@praktijk/cadans', overriddenByEnv: false, restartNeeded: false });
      assert.equal(inUse.setPracticeServer(null).restartNeeded, true, 'clearing it turns practice mode off at the next start');
      const env = new AppCalls(INFO, settings, hub, undefined, { url: 'postgres://bram@elders/cadans', source: 'env' });
      assert.deepEqual(env.setPracticeServer('postgres://anna@praktijk/cadans'), { practiceDb: 'postgres://anna@praktijk/cadans', overriddenByEnv: true, restartNeeded: false });
    });
  });
});
