import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchInvoke, INVOKE_NAMES, LOCKED_CALLS_ALLOWED, type CadansService } from '../../../shared/ipc/contract.js';
import type { LockState } from '../../../shared/ipc/apiTypes.js';
import { createTestApp, type TestApp } from './fakeAppDevices.js';

describe('console lock', () => {
  let app: TestApp | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  test('locked: every call that reads or changes records is refused, the lock and the live session still answer; unlock restores', async () => {
    app = createTestApp(50);
    const s = app.service;
    const c = s.createClient({ name: 'Sanne de Vries' });
    const locked = s.lockConsole();
    assert.equal(locked.locked, true);
    assert.equal(locked.needsPassphrase, false);
    assert.deepEqual(app.events.filter((e) => e[0] === 'onLock').map((e) => (e[1] as LockState).locked), [true]);
    // Through the same dispatcher the Electron IPC handlers and the web host use.
    for (const [name, args] of [
      ['listClients', []],
      ['getClient', [c.id]],
      ['listSessions', [c.id]],
      ['listQuestionnaires', [c.id]],
      ['createClient', [{ name: 'X' }]],
      ['startSession', [{ clientId: c.id, pacer: null }]],
    ] as const) {
      const r = await dispatchInvoke(s as unknown as CadansService, name, args);
      assert.equal(r.ok, false, `${name} refused while locked`);
      if (!r.ok) {
        assert.match(r.error, /locked/);
        assert.doesNotMatch(r.error, /Sanne/);
      }
    }
    for (const name of ['getSessionState', 'getLockState', 'listChannels', 'getPacer', 'getAppInfo'] as const) {
      const r = await dispatchInvoke(s as unknown as CadansService, name, []);
      assert.equal(r.ok, true, `${name} still answers while locked`);
    }
    assert.equal(s.unlockConsole(null).locked, false);
    assert.deepEqual(s.listClients().map((x) => x.name), ['Sanne de Vries']);
  });

  test('the allowed list holds no call that returns client records', () => {
    for (const name of ['listClients', 'getClient', 'listSessions', 'getSessionSummary', 'getSessionReview', 'exportSession', 'getReportHtml', 'getReportPdf', 'importRrFile', 'getResonanceResult', 'getLastResonanceRate', 'listPrescriptions', 'getPrescriptionFile'] as const) {
      assert.ok(INVOKE_NAMES.includes(name));
      assert.equal(LOCKED_CALLS_ALLOWED.has(name), false, name);
    }
  });

  test('with an encrypted database, unlocking needs its passphrase; a wrong one changes nothing', () => {
    app = createTestApp(50, { verifyPassphrase: (p) => p === 'paard-batterij-nietje' });
    const s = app.service;
    s.lockConsole();
    assert.equal(s.getLockState().needsPassphrase, true);
    assert.throws(() => s.unlockConsole('fout'), /wrong passphrase/);
    assert.throws(() => s.unlockConsole(null), /wrong passphrase/);
    assert.equal(s.getLockState().locked, true);
    assert.throws(() => s.listClients(), /locked/);
    assert.equal(s.unlockConsole('paard-batterij-nietje').locked, false);
  });

  test('locks by itself after the set idle minutes, not during a live session; every call counts as use', async () => {
    let now = 1_000_000;
    app = createTestApp(50, { nowMs: () => now });
    const s = app.service;
    assert.equal(s.setLockAfter(5).lockAfterMin, 5);
    assert.throws(() => s.setLockAfter(-1 as number), /minutes from 0/);
    now += 4 * 60_000;
    s.listClients(); // use
    now += 4 * 60_000;
    s.lock.tick();
    assert.equal(s.lock.getLockState().locked, false, '4 min after the last call'); // (s.lock: reading the state directly, not as a page's call, which counts as use)
    now += 60_000;
    s.lock.tick();
    assert.equal(s.lock.getLockState().locked, true, '5 min after the last call');
    s.unlockConsole(null);
    // A live session: no automatic lock however long the therapist only watches.
    const c = s.createClient({ name: 'A' });
    await s.connectSensor('sim');
    s.startSession({ clientId: c.id, pacer: null });
    now += 30 * 60_000;
    s.lock.tick();
    assert.equal(s.lock.getLockState().locked, false);
    assert.equal(s.lockConsole().locked, true, 'locking by hand works during a session');
    assert.notEqual(s.getSessionState().phase, 'idle', 'the recording goes on while locked');
    s.unlockConsole(null);
    await s.stopSession();
    s.setLockAfter(0);
    now += 600 * 60_000;
    s.lock.tick();
    assert.equal(s.lock.getLockState().locked, false, '0 = never');
  });
});
