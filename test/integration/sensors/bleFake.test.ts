/**
 * BleHeartRateSource and listBleDevices against a fake noble, Heart Rate Service part: real 0x2A37
 * payloads (spec vectors + generated RR sequences) → BeatFrames with every RR value (origin 'rr'),
 * contact and diagnoses as notices (codes, no sentences); sensors without PMD (plain straps, an H10
 * without PPG) keep working with RR only, also under the default `ble` (PPG when offered);
 * disconnect → rescan → reconnect to the same id; adapter states poweredOff / unauthorized /
 * unknown-forever. The Polar PMD part (PPG, PPI) is blePolar.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BleHeartRateSource } from '../../../native-adapters/sensors/bleSource.js';
import { CadansError, errorText } from '../../../shared/i18n/CadansError.js';
import { listBleDevices } from '../../../native-adapters/sensors/listBleDevices.js';
import type { BeatFrame, SensorFrame, SensorNoticeCode, StatusFrame } from '../../../shared/sensors/frames.js';
import type { ConnectionState } from '../../../shared/sensors/sensorSource.js';
import { FakeNoble, FakePeripheral, FakePolar } from './fakeNoble.js';
import { hex } from '../../unit/sensors/hex.js';
import { sleep } from './ptyPair.js';

const beatsOf = (fs: SensorFrame[]) => fs.filter((f): f is BeatFrame => f.kind === 'beats');
const statusOf = (fs: SensorFrame[]) => fs.filter((f): f is StatusFrame => f.kind === 'status');
const noticesOf = (fs: SensorFrame[]) => statusOf(fs).flatMap((s) => (s.notice ? [s.notice] : []));
const codesOf = (fs: SensorFrame[]): SensorNoticeCode[] => noticesOf(fs).map((n) => n.code);

/** Wait for a condition (generous bound: only a hang fails). */
async function until(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function collect(src: BleHeartRateSource) {
  const frames: SensorFrame[] = [];
  const states: ConnectionState[] = [];
  src.on('frame', (f) => frames.push(f));
  src.on('state', (s) => states.push(s));
  return { frames, states };
}

/** A plain HRS chest strap. */
function strap(noble: FakeNoble, id = 'strap-1', name = 'HRM-Pro', rssi = -70): FakePeripheral {
  const p = noble.add(new FakePeripheral(id, { localName: name, serviceUuids: ['180d'] }, rssi));
  p.addChar('2a37');
  p.addChar('2a38', { read: () => hex('01') });
  p.addChar('2a19', { read: () => hex('5A') });
  return p;
}

function rrPayload(hr: number, rrRaw: number[]): Uint8Array {
  const b = [0x16, hr];
  for (const r of rrRaw) b.push(r & 0xff, r >> 8);
  return Uint8Array.from(b);
}

describe('BleHeartRateSource with a fake noble: heart-rate service', { concurrency: true }, () => {
  test('HRS strap under `ble`: scan 180d, stop scan before connect, connected notice, BeatFrames with all RR values, contact', async (t) => {
    const noble = new FakeNoble();
    const p = strap(noble);
    const src = new BleHeartRateSource({ noble });
    t.after(() => src.stop());
    const { frames, states } = collect(src);
    await src.start();
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.equal(noble.scanning, false);
    assert.equal(p.connectCount, 1);
    const hello = statusOf(frames)[0]!;
    assert.deepEqual(hello.notice, { code: 'connected', params: { device: 'HRM-Pro (strap-1)', location: 'Chest', batteryPct: 90 } });
    assert.equal(hello.batteryPct, 90);
    assert.deepEqual(codesOf(frames), ['connected'], 'no PMD: no PPG notice under the default `ble`');
    assert.deepEqual(src.info, { kind: 'ble', label: 'Bluetooth heart-rate sensor', protocol: 'ble-hrs' });
    const hrm = p.char('2a37');
    // spec vectors, then a generated RR sequence with 1–4 values per notification
    const payloads = ['00 55', '04 FF', '1E 55 32 00 21 00', '1F 01 01 32 01 01 00 02 01 FF FF', '16 48 10 03 F6 02'].map(hex);
    const rrSeq = Array.from({ length: 40 }, (_, i) => 780 + Math.round(60 * Math.sin(i / 3)) + (i % 5));
    for (let i = 0; i < rrSeq.length; ) {
      const n = 1 + (i % 4);
      payloads.push(rrPayload(75, rrSeq.slice(i, i + n)));
      i += n;
    }
    for (const b of payloads) assert.ok(hrm.notify(b));
    assert.ok(hrm.notify(hex('17 01 01')), 'invalid payload is delivered');
    const beats = beatsOf(frames);
    assert.equal(beats.length, payloads.length, 'one BeatFrame per valid notification');
    assert.ok(beats.every((b) => b.origin === 'rr'));
    assert.deepEqual(beats.slice(0, 5).map((b) => b.hrBpm), [85, 255, 85, 257, 72]);
    assert.deepEqual(beats[3]!.ibiMs, [1, 258, 65535].map((r) => (r * 1000) / 1024));
    assert.deepEqual(beats.slice(5).flatMap((b) => b.ibiMs), rrSeq.map((r) => (r * 1000) / 1024));
    const contacts = statusOf(frames).filter((s) => s.contact).map((s) => [s.contact, s.notice?.code]);
    assert.deepEqual(contacts, [['unknown', undefined], ['off', 'finger-out'], ['ok', undefined]]);
    const bad = noticesOf(frames).find((n) => n.code === 'bad-frames');
    assert.equal(bad?.params?.count, 1);
    assert.match(String(bad?.params?.message), /flags 0x17 need at least 5 bytes, got 3/);
    await src.stop();
    assert.equal(p.connected, false);
    assert.equal(hrm.listenerCount, 0);
    assert.equal(noble.listenerCount('stateChange') + noble.listenerCount('discover') + noble.listenerCount('warning'), 0);
    assert.equal(states.at(-1), 'disconnected');
  });

  test('Polar H10 (PMD with ECG and ACC, no PPG): `ble` keeps RR only without a notice; `ble?ppg=1` fails and says why', async (t) => {
    const noble = new FakeNoble();
    const h10 = new FakePolar(noble, { id: 'h10', name: 'Polar H10 12345678', features: '0F 05 00', location: 1 });
    const src = new BleHeartRateSource({ noble });
    t.after(() => src.stop());
    const { frames } = collect(src);
    await src.start();
    assert.deepEqual(codesOf(frames), ['connected']);
    assert.equal(src.info.protocol, 'ble-hrs');
    assert.deepEqual(h10.cp.writes, [], 'no PMD command: the feature bitmap has neither PPG nor PPI');
    h10.hrm.notify(rrPayload(64, [960, 950]));
    assert.deepEqual(beatsOf(frames).map((b) => b.ibiMs.length), [2]);
    await src.stop();

    const strict = new BleHeartRateSource({ noble, ppg: true });
    t.after(() => strict.stop());
    const s = collect(strict);
    await assert.rejects(strict.start(), /Polar H10 12345678 \(h10\) gives no Polar PPG \(not offered by the sensor\); use 'ble' without ppg=1/);
    assert.deepEqual(noticesOf(s.frames).at(-1), { code: 'ppg-unavailable', params: { reason: 'not-offered' } });
    assert.equal(strict.state, 'error');
    assert.equal(h10.p.connected, false, 'disconnected after the failed start');
  });

  test('`ble?ppg=1` on a strap without PMD: start() rejects with the reason and a ppg-unavailable notice', async (t) => {
    const noble = new FakeNoble();
    strap(noble);
    const src = new BleHeartRateSource({ noble, ppg: true });
    t.after(() => src.stop());
    const { frames } = collect(src);
    assert.equal(src.info.fsHz, 55, 'required PPG is announced before the first connection');
    await assert.rejects(src.start(), /HRM-Pro \(strap-1\) has no Polar PMD service, so no PPG/);
    assert.deepEqual(noticesOf(frames).at(-1), { code: 'ppg-unavailable', params: { reason: 'no-pmd' } });
  });

  test('disconnect → reconnecting → rescan → same id reconnected → listeners not duplicated', async (t) => {
    const noble = new FakeNoble();
    const other = strap(noble, 'other-strap', 'Someone else', -40); // stronger, but not ours after the first connect
    other.visible = false;
    const p = strap(noble);
    const src = new BleHeartRateSource({ noble, reconnectBackoffMs: [100] });
    t.after(() => src.stop());
    const { frames, states } = collect(src);
    await src.start();
    other.visible = true;
    const hrm = p.char('2a37');
    hrm.notify(rrPayload(70, [860]));
    p.visible = false;
    p.dropout();
    await until(() => src.state === 'reconnecting', 'reconnecting');
    assert.deepEqual(noticesOf(frames).at(-1), { code: 'reconnecting', params: { port: 'HRM-Pro (strap-1)', reason: 'Bluetooth connection lost' } });
    assert.equal(hrm.listenerCount, 0, 'listeners dropped on disconnect');
    await until(() => noble.scanning && noble.scanStarts >= 2, 'the rescan');
    await sleep(300); // the other strap advertises (every 50 ms) during the rescan
    assert.equal(other.connectCount, 0, 'does not connect to another strap');
    p.visible = true;
    await until(() => src.state === 'connected', 'reconnected');
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'connected']);
    assert.deepEqual(noticesOf(frames).at(-1), { code: 'reconnected', params: { port: 'HRM-Pro (strap-1)' } });
    assert.equal(p.connectCount, 2);
    assert.equal(hrm.listenerCount, 1, 'exactly one HR listener after reconnect');
    assert.equal(p.disconnectListeners, 1);
    assert.equal(hrm.subscribeCount, 2);
    hrm.notify(rrPayload(71, [845, 850]));
    await src.stop();
    assert.deepEqual(beatsOf(frames).map((b) => b.ibiMs.length), [1, 2]);
  });

  test('Bluetooth switched off mid-session: adapter-state notice, reconnecting, back when powered on again', async (t) => {
    const noble = new FakeNoble();
    const p = strap(noble);
    const src = new BleHeartRateSource({ noble, reconnectBackoffMs: [50] });
    t.after(() => src.stop());
    const { frames } = collect(src);
    await src.start();
    noble.setState('poweredOff');
    p.dropout();
    await until(() => src.state === 'reconnecting', 'reconnecting');
    assert.ok(noticesOf(frames).some((n) => n.code === 'adapter-state' && n.params?.state === 'off'));
    noble.setState('poweredOn');
    await until(() => src.state === 'connected', 'reconnected after power on');
    assert.ok(p.char('2a37').notify(hex('00 55')));
    await src.stop();
    assert.equal(beatsOf(frames).at(-1)?.hrBpm, 85);
  });

  test('adapter states: poweredOff / unauthorized / unsupported reject at once; unknown forever → "no Bluetooth adapter"', async (t) => {
    const off = new BleHeartRateSource({ noble: new FakeNoble('poweredOff') });
    t.after(() => off.stop());
    await assert.rejects(off.start(), /Bluetooth is switched off/);
    assert.equal(off.state, 'error');
    const unauth = new BleHeartRateSource({ noble: new FakeNoble('unauthorized') });
    t.after(() => unauth.stop());
    await assert.rejects(unauth.start(), process.platform === 'linux' ? /sudo setcap cap_net_raw\+eip/ : /no permission to use Bluetooth/);
    const unsupported = new BleHeartRateSource({ noble: new FakeNoble('unsupported') });
    t.after(() => unsupported.stop());
    await assert.rejects(unsupported.start(), /does not support Bluetooth Low Energy/);
    const dead = new FakeNoble('unknown');
    const src = new BleHeartRateSource({ noble: dead, stateTimeoutMs: 400 });
    t.after(() => src.stop());
    setTimeout(() => dead.warn('Initialization of USB device failed: ENODEV, No such device'), 50);
    await assert.rejects(src.start(), /no Bluetooth adapter found — state stayed 'unknown' for 0.4 s \(.*ENODEV/);
    assert.equal(dead.listenerCount('stateChange'), 0, 'listeners detached after failure');
  });

  test('the refusals are coded: the same English line, a Dutch sentence for the sensor panel (issue 13)', async (t) => {
    const refusal = async (src: BleHeartRateSource): Promise<{ code: string; nl: string; en: string }> => {
      t.after(() => src.stop());
      const e: unknown = await src.start().then(
        () => assert.fail('started'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof CadansError, String(e));
      const nl = errorText('nl', e);
      assert.doesNotMatch(nl.replace(/technische melding: .*$/, ''), /\b(the|found|within|switched|worn|timed out|has no|gives no|without|service|permission)\b/, nl);
      return { code: e.code, nl, en: e.message };
    };
    assert.deepEqual(await refusal(new BleHeartRateSource({ noble: new FakeNoble('poweredOff') })), {
      code: 'ble.adapter',
      nl: 'Bluetooth staat uit — zet het aan in de systeeminstellingen',
      en: 'Bluetooth is switched off — switch it on in the system settings',
    });
    assert.deepEqual(await refusal(new BleHeartRateSource({ noble: new FakeNoble(), scanTimeoutMs: 300 })), {
      code: 'ble.notFound',
      nl: 'geen hartslagsensor gevonden binnen 0.3 s — staat hij aan, wordt hij gedragen en is hij niet met een telefoon verbonden?',
      en: 'no heart-rate sensor found within 0.3 s — is it switched on, worn, and not connected to a phone?',
    });
    const dead = new FakeNoble('unknown');
    setTimeout(() => dead.warn('Initialization of USB device failed: ENODEV, No such device'), 50);
    const gone = await refusal(new BleHeartRateSource({ noble: dead, stateTimeoutMs: 400 }));
    assert.equal(gone.nl, 'geen Bluetooth-adapter gevonden (technische melding: Initialization of USB device failed: ENODEV, No such device)');
    assert.match(gone.en, /^no Bluetooth adapter found — state stayed 'unknown' for 0.4 s \(Initialization/);
    const noPmd = new FakeNoble();
    strap(noPmd);
    assert.deepEqual(await refusal(new BleHeartRateSource({ noble: noPmd, ppg: true })), {
      code: 'ble.noPmd',
      nl: "HRM-Pro (strap-1) heeft geen Polar-PMD-dienst en levert dus geen PPG; gebruik 'ble' zonder ppg=1 voor alleen hartslag en RR-intervallen",
      en: "HRM-Pro (strap-1) has no Polar PMD service, so no PPG; use 'ble' without ppg=1 for heart rate and RR only",
    });
    const h10 = new FakeNoble();
    new FakePolar(h10, { id: 'h10', name: 'Polar H10 12345678', features: '0F 05 00', location: 1 });
    const noPpg = await refusal(new BleHeartRateSource({ noble: h10, ppg: true }));
    assert.equal(noPpg.code, 'ble.noPolarStream');
    assert.equal(noPpg.nl, "Polar H10 12345678 (h10) levert geen Polar-PPG (de sensor biedt het niet aan); gebruik 'ble' zonder ppg=1 voor alleen hartslag en RR-intervallen");
    const slowNoble = new FakeNoble();
    strap(slowNoble).hangConnect = true;
    const slow = await refusal(new BleHeartRateSource({ noble: slowNoble, connectTimeoutMs: 200 }));
    assert.deepEqual(slow, { code: 'ble.timeout', nl: 'verbinden met HRM-Pro (strap-1) duurde langer dan 0.2 s', en: 'connecting to HRM-Pro (strap-1) timed out after 0.2 s' });
  });

  test('noble cannot be loaded, no sensor in range, connect timeout → clear errors and cancelConnect', async (t) => {
    const broken = new BleHeartRateSource({ noble: () => Promise.reject(new Error('Bluetooth support is unavailable: EAFNOSUPPORT')) });
    t.after(() => broken.stop());
    await assert.rejects(broken.start(), /EAFNOSUPPORT/);
    const empty = new BleHeartRateSource({ noble: new FakeNoble(), scanTimeoutMs: 300 });
    t.after(() => empty.stop());
    await assert.rejects(empty.start(), /no heart-rate sensor found within 0.3 s/);
    const noble = new FakeNoble();
    const p = strap(noble);
    p.hangConnect = true;
    const slow = new BleHeartRateSource({ noble, connectTimeoutMs: 200 });
    t.after(() => slow.stop());
    await assert.rejects(slow.start(), /timed out after 0.2 s/);
    assert.ok(p.cancelCount >= 1, 'cancelConnect called');
  });

  test('listBleDevices: ids, names, RSSI (strongest first); errors instead of throws', async () => {
    const noble = new FakeNoble();
    strap(noble, 'a', 'HRM-Dual', -80);
    new FakePolar(noble, { id: 'b' });
    noble.add(new FakePeripheral('c', { localName: 'Speaker', serviceUuids: ['110b'] }, -30));
    const r = await listBleDevices(300, { noble });
    assert.equal(r.error, undefined);
    assert.deepEqual(r.devices, [
      { id: 'b', name: 'Polar Sense B5A1B22C', rssi: -50 },
      { id: 'a', name: 'HRM-Dual', rssi: -80 },
    ]);
    assert.equal(noble.scanning, false);
    const off = await listBleDevices(100, { noble: new FakeNoble('poweredOff') });
    assert.deepEqual(off, { devices: [], error: 'Bluetooth is switched off — switch it on in the system settings' });
    const none = await listBleDevices(100, { noble: new FakeNoble('unknown'), stateTimeoutMs: 200 });
    assert.match(none.error ?? '', /no Bluetooth adapter found/);
  });

  test(
    'real @abandonware/noble: listBleDevices resolves with devices or a clear error, never throws',
    { skip: process.env.CADANS_TEST_REAL_BLE ? false : 'set CADANS_TEST_REAL_BLE=1 to probe the real Bluetooth stack of this machine' },
    async () => {
      const r = await listBleDevices(2000);
      assert.ok(Array.isArray(r.devices));
      if (r.error) assert.match(r.error, /Bluetooth|noble/);
    },
  );
});
