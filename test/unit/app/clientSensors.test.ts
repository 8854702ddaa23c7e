import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppService } from '../../../main/app/AppService.js';
import { invokeProblem } from '../../../shared/ipc/contract.js';
import { createTestApp, type TestApp } from './fakeAppDevices.js';

describe('remembered sensor per client (getClientSensors, migration 8)', () => {
  let app: TestApp;
  let service: AppService;
  let ids: number[];

  beforeEach(async () => {
    app = createTestApp(50);
    ({ service } = app);
    ids = ['Anna', 'Bas', 'Cor'].map((name) => service.createClient({ name }).id);
    for (const seed of [1, 2, 3]) await service.addSensor(`sim:seed=${seed}`);
  });

  afterEach(() => app.close());

  test('nothing is remembered before a session; a group start remembers each client\'s own sensor', async () => {
    assert.deepEqual(service.getClientSensors(ids), []);
    service.startGroupSession({ clients: [{ clientId: ids[0]!, channel: 'ch2' }, { clientId: ids[1]!, channel: 'ch3' }], pacer: null });
    const got = service.getClientSensors([ids[1]!, ids[0]!, ids[2]!]);
    assert.deepEqual(got.map((r) => [r.clientId, r.sensorKey]), [[ids[1], 'sim:seed=3'], [ids[0], 'sim:seed=2']], 'in the order asked; Cor has none');
    assert.ok(got.every((r) => !Number.isNaN(Date.parse(r.lastUsedAt))));
    await service.stopSession();
  });

  test('a single session remembers too, and the newest sensor wins', async () => {
    service.startGroupSession({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[1]!, channel: 'ch2' }], pacer: null });
    await service.stopSession();
    // Later: Anna on another sensor.
    app.storage.clientSensors.remember(ids[0]!, 'sim:seed=1', new Date('2020-01-01T00:00:00Z')); // an old use stays old
    service.startSession({ clientId: ids[0]!, channel: 'ch3', pacer: null });
    await service.stopSession();
    assert.deepEqual(service.getClientSensors([ids[0]!]).map((r) => r.sensorKey), ['sim:seed=3']);
    assert.deepEqual(service.getClientSensors([ids[1]!]).map((r) => r.sensorKey), ['sim:seed=2']);
  });

  test('a USB sensor is remembered by its serial number, not its port: the key its channel shows', async () => {
    const clip = app.devices.channel('ch1')!;
    clip.identity = 'usb:10c4:ea60:SN1';
    assert.equal(service.listChannels().find((c) => c.channel === 'ch1')?.sensorKey, 'usb:10c4:ea60:SN1');
    assert.equal(service.listChannels().find((c) => c.channel === 'ch2')?.sensorKey, 'sim:seed=2', 'no identity: the spec');
    service.startGroupSession({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[1]!, channel: 'ch2' }], pacer: null });
    await service.stopSession();
    assert.deepEqual(service.getClientSensors(ids.slice(0, 2)).map((r) => r.sensorKey), ['usb:10c4:ea60:SN1', 'sim:seed=2']);
  });

  test('the request schema is strict: a list of client ids, at most a group\'s worth', () => {
    assert.equal(invokeProblem('getClientSensors', [[1, 2]]), null);
    assert.match(invokeProblem('getClientSensors', [['1']]) ?? '', /getClientSensors/);
    assert.match(invokeProblem('getClientSensors', [[0]]) ?? '', /getClientSensors/);
    assert.match(invokeProblem('getClientSensors', [1]) ?? '', /getClientSensors/);
    assert.match(invokeProblem('getClientSensors', [Array.from({ length: 100 }, (_, i) => i + 1)]) ?? '', /getClientSensors/);
  });

  test('refused while the console is locked (it names client records)', async () => {
    service.lockConsole();
    assert.throws(() => service.getClientSensors(ids));
  });
});
