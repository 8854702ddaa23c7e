// Home practice through the app core (client page): a prescription stored or refused in the UI's
// language with nothing stored, listed newest first, its handout (the HTML handed to the PDF port)
// and audio pacer (a whole WAV) downloaded, all access-logged; refused while the console is locked.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

const NOW = new Date(2025, 5, 15, 10, 0, 0);

describe('AppService — home practice', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let printed: string[];
  let clientId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-rx-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    printed = [];
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
      nowMs: () => NOW.getTime(),
      // The real print is `cadans prescribe`'s test (headless Chromium); here: the HTML it gets.
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 handout');
      },
    });
    clientId = service.createClient({ name: 'Sanne Jansen' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('stored as typed ("5,5"), listed newest first, files downloaded, every step access-logged', async () => {
    const a = service.createPrescription({ clientId, rateBpm: '6', ratio: '4:6', minutes: '1', lang: 'nl' });
    const b = service.createPrescription({ clientId, rateBpm: '5,5', ratio: '1:1', holdInSec: '1', holdOutSec: '0', minutes: '2', timesPerDay: '3', lang: 'en' });
    assert.ok(a.ok && b.ok);
    assert.deepEqual(
      { rate: b.value.rateBpm, f: b.value.inhaleFraction, hold: b.value.holdInSec, min: b.value.minutes, perDay: b.value.timesPerDay, date: b.value.date },
      { rate: 5.5, f: 0.5, hold: 1, min: 2, perDay: 3, date: '2025-06-15' },
    );
    assert.deepEqual(service.listPrescriptions(clientId).map((p) => p.id), [b.value.id, a.value.id]);

    const pdf = await service.getPrescriptionFile({ prescriptionId: b.value.id, file: 'handout' });
    assert.equal(pdf.mimeType, 'application/pdf');
    assert.match(printed[0]!, /<html lang="en"/);
    assert.match(printed[0]!, /5\.5 breaths per minute/);
    assert.match(printed[0]!, /cadans-pacer:v1\?rate=5\.5&amp;ratio=1:1&amp;holdIn=1/);

    const wav = await service.getPrescriptionFile({ prescriptionId: a.value.id, file: 'audio' });
    assert.equal(wav.mimeType, 'audio/wav');
    const bytes = wav.data as Uint8Array;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    assert.equal(view.getUint32(40, true), 60 * 22050 * 2, '6 breaths of 10 s');
    assert.equal(bytes.length, 44 + 60 * 22050 * 2);

    const log = storage.accessLog.list(clientId).map((e) => `${e.action} ${e.detail}`);
    assert.ok(log.includes(`create createPrescription ${a.value.id}`));
    assert.ok(log.includes(`export getPrescriptionFile ${b.value.id} handout`));
    assert.ok(log.includes(`export getPrescriptionFile ${a.value.id} audio`));
  });

  test('bad input: every problem in the UI language, nothing stored; an unknown client throws', async () => {
    const r = service.createPrescription({ clientId, rateBpm: 'zes', ratio: '4', minutes: '90', lang: 'nl' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.split(' (')[0]), [
      'het tempo moet een aantal ademhalingen per minuut van 3 tot 12 zijn',
      'de verhouding moet in:uit zijn met twee positieve getallen, bijv. 4:6, en de inademing moet 10–90 % van de ademhaling zijn',
      'de duur moet 1–60 minuten zijn',
    ]);
    service.setLocale('en');
    const en = service.createPrescription({ clientId, rateBpm: '13', ratio: '4:6', minutes: '10', lang: 'nl' });
    assert.ok(!en.ok && /^the rate must be/.test(en.errors[0]!));
    assert.deepEqual(service.listPrescriptions(clientId), []);
    assert.throws(() => service.createPrescription({ clientId: 999, rateBpm: '6', ratio: '4:6', minutes: '10', lang: 'nl' }), /999/);
    await assert.rejects(() => service.getPrescriptionFile({ prescriptionId: 42, file: 'audio' }), /42/);
  });

  test('refused while the console is locked (client records)', async () => {
    service.lockConsole();
    for (const [name, args] of [
      ['listPrescriptions', [clientId]],
      ['createPrescription', [{ clientId, rateBpm: '6', ratio: '4:6', minutes: '10', lang: 'nl' }]],
      ['getPrescriptionFile', [{ prescriptionId: 1, file: 'handout' }]],
    ] as const) {
      const r = await dispatchInvoke(service as unknown as CadansService, name, args as never);
      assert.equal(r.ok, false, `${name} refused while locked`);
    }
    assert.equal(storage.prescriptions.listByClient(clientId).length, 0);
  });
});
