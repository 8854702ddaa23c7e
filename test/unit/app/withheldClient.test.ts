// A client withheld on this workstation (practice mode, issue 17: restricted on the server to
// other therapists; SQLite migration 14), as the app sees it: not in the client list or a session
// list, refused (coded 'client.withheld', nl and en) when opened, its sessions listed or reported;
// nothing of it deleted, and back as it was once unmarked. No PostgreSQL: the mark is set directly,
// as main/practice/withheldClients.ts sets it after asking the server.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

describe('a withheld client in the app', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let sara: number;
  let tom: number;
  let saraSession: number;

  const withhold = (id: number): void => void storage.db.prepare("INSERT INTO withheld_clients (client_id, withheld_at) VALUES (?, '2026-12-04T10:00:00Z')").run(id);
  const release = (id: number): void => void storage.db.prepare('DELETE FROM withheld_clients WHERE client_id = ?').run(id);
  const call = (name: string, args: unknown[]): ReturnType<typeof dispatchInvoke> => dispatchInvoke(service as unknown as CadansService, name, args);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-withheld-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
    });
    sara = storage.clients.create({ name: 'Sara Jansen' }).id;
    tom = storage.clients.create({ name: 'Tom Bakker' }).id;
    saraSession = storage.sessions.create({ clientId: sara, type: 'biofeedback', sensorSpec: 'sim' }).id;
    storage.sessions.create({ clientId: tom, type: 'biofeedback', sensorSpec: 'sim' });
    storage.goals.create({ clientId: sara, text: 'rustig ademen', setDate: '2026-11-01' });
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('hidden from the lists, refused when opened or reported (nl/en); nothing deleted; back once unmarked', async () => {
    withhold(sara);
    assert.deepEqual(service.listClients().map((c) => c.name), ['Tom Bakker']);
    assert.deepEqual(storage.sessions.list().map((s) => s.clientId), [tom]);
    assert.deepEqual(storage.clients.search('Jansen'), []);
    for (const [name, args] of [
      ['getClient', [sara]],
      ['listSessions', [sara]],
      ['getReportHtml', [{ kind: 'progress', clientId: sara }]],
      ['getReportHtml', [{ kind: 'session', sessionId: saraSession }]],
    ] as const) {
      const r = await call(name, [...args]);
      assert.ok(!r.ok && 'code' in r && r.code === 'client.withheld', `${name}: ${JSON.stringify(r)}`);
      assert.match(errorText('nl', r), /afgeschermd voor andere therapeuten/);
      assert.match(errorText('en', r), /restricted to other therapists in the practice/);
    }
    assert.throws(() => storage.clients.findByName('sara jansen'), (e: unknown) => (e as { code?: string }).code === 'client.withheld');
    // Still stored, and an edit saved by id is kept (it would wait in the outbox).
    assert.equal(storage.clients.get(sara)?.name, 'Sara Jansen');
    assert.equal(storage.clients.update(sara, { notes: 'verhuisd' }).notes, 'verhuisd');
    assert.equal(storage.goals.listByClient(sara).length, 1);
    assert.equal(storage.sessions.get(saraSession)?.clientId, sara);

    release(sara);
    assert.deepEqual(service.listClients().map((c) => c.name), ['Sara Jansen', 'Tom Bakker']);
    assert.equal(service.getClient(sara).notes, 'verhuisd');
    assert.deepEqual(storage.clients.findByName('Sara Jansen').map((c) => c.id), [sara]);
    assert.equal(storage.sessions.list().length, 2);
  });

  test('a name a withheld client and a visible one share: the visible one is found', () => {
    const other = storage.clients.create({ name: 'Sara Jansen' }).id;
    withhold(sara);
    assert.deepEqual(storage.clients.findByName('Sara Jansen').map((c) => c.id), [other]);
  });
});
