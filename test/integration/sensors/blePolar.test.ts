/**
 * Polar Verity Sense and OH1 out of the box, against a fake noble whose Polar device has a known
 * clock and known sample values (fakeNoble.ts FakePolar): `ble` reads the PMD feature bitmap and
 * starts PPG and PPI when offered; PPG frames are counted (index since START, a new stream per
 * connection) and carry the frame timestamp as `deviceSec`; pushed through the ChannelClock they
 * come out at the rate the timestamps show, not the declared one (Verity firmware 1.1.5–2.0.x
 * declares 135 Hz and streams 55 Hz; OH1 declares 130 Hz and streams 135 Hz), and a lost frame
 * becomes a gap of its length. PPI samples become BeatFrames (origin 'ppi'), movement-blocked
 * and no-contact samples are dropped, contact changes are reported.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BleHeartRateSource, type BleHeartRateSourceOptions } from '../../../native-adapters/sensors/bleSource.js';
import { ChannelClock, type ClockOutput } from '../../../shared/sensors/channelClock.js';
import type { BeatFrame, PpgFrame, SensorFrame, SensorNotice, StatusFrame } from '../../../shared/sensors/frames.js';
import { pmdStartPpg } from '../../../shared/sensors/polarPmd.js';
import { FakeNoble, FakePolar, type FakePolarOptions } from './fakeNoble.js';
import { hex } from '../../unit/sensors/hex.js';
import { encodePpi } from '../../unit/sensors/pmdEncode.js';
import { sleep } from './ptyPair.js';

const ppgOf = (fs: SensorFrame[]) => fs.filter((f): f is PpgFrame => f.kind === 'ppg');
const beatsOf = (fs: SensorFrame[]) => fs.filter((f): f is BeatFrame => f.kind === 'beats');
const statusOf = (fs: SensorFrame[]) => fs.filter((f): f is StatusFrame => f.kind === 'status');
const noticesOf = (fs: SensorFrame[]): SensorNotice[] => statusOf(fs).flatMap((s) => (s.notice ? [s.notice] : []));
const bytes = (u: Uint8Array) => Array.from(u);

async function until(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A started source on a fake Polar device, with everything it emits. */
async function open(dev: FakePolarOptions = {}, src: Partial<BleHeartRateSourceOptions> = {}) {
  const noble = new FakeNoble();
  const v = new FakePolar(noble, dev);
  const s = new BleHeartRateSource({ noble, ...src });
  const frames: SensorFrame[] = [];
  s.on('frame', (f) => frames.push(f));
  await s.start();
  return { noble, v, s, frames };
}

/** Frame sizes like a Verity's (compressed frames of ~36 samples at 55 Hz), varied. */
const SIZES = [36, 35, 36, 37, 9, 36];

/** Push PPG frames through a channel clock, as LiveChannel does; flush at the end. */
function throughClock(frames: readonly PpgFrame[]): ClockOutput {
  const clock = new ChannelClock();
  const out: ClockOutput = { chunks: [], gaps: [], notices: [] };
  for (const r of [...frames.map((f) => clock.push(f)), clock.flush()]) {
    out.chunks.push(...r.chunks);
    out.gaps.push(...r.gaps);
    out.notices.push(...r.notices);
  }
  return out;
}

describe('Polar Verity Sense / OH1 over BLE (fake noble)', { concurrency: true }, () => {
  test('Verity Sense under plain `ble`: feature read → GET (two parts) → START PPG 55 Hz → SDK-mode check → START PPI; counted PpgFrames with device time; STOP both', async (t) => {
    const { v, s, frames } = await open();
    t.after(() => s.stop());
    assert.deepEqual(
      v.cp.writes.map(bytes),
      [[0x01, 0x01], bytes(hex('02 01 00 01 37 00 01 01 16 00 04 01 04')), [0x06], [0x02, 0x03]],
      'GET PPG, START PPG 55 Hz/22 bit/4 ch, GET_SDK_MODE_STATUS, START PPI',
    );
    assert.deepEqual(s.info, { kind: 'ble', label: 'Bluetooth heart-rate sensor', protocol: 'polar-pmd', fsHz: 55 });
    assert.deepEqual(noticesOf(frames), [
      { code: 'connected', params: { device: 'Polar Sense B5A1B22C (polar-1)', location: 'Ear Lobe', batteryPct: 90 } },
      { code: 'ppg-streaming', params: { fsHz: 55 } },
    ]);
    assert.equal(v.hrm.subscribeCount, 1);
    const sent: number[][] = SIZES.map((n) => v.sendPpg(n));
    const f = ppgOf(frames);
    assert.equal(f.length, SIZES.length);
    let index = 0;
    for (let k = 0; k < f.length; k++) {
      const last = sent[k]!.at(-1)!;
      assert.equal(f[k]!.index, index, 'index = samples counted since START');
      assert.equal(f[k]!.stream, 0);
      assert.equal(f[k]!.fsHz, 55);
      assert.equal(f[k]!.deviceSec, Number(v.tsNs(last)) / 1e9, 'deviceSec = timestamp of the newest sample');
      assert.deepEqual(Array.from(f[k]!.values), sent[k]!.map((g) => v.expected.get(g)));
      index += SIZES[k]!;
    }
    v.hrm.notify(hex('06 40')); // Verity HRS: HR 64, contact, no RR
    assert.deepEqual(beatsOf(frames).map((b) => [b.hrBpm, b.ibiMs.length, b.origin]), [[64, 0, 'rr']]);
    await s.stop();
    assert.deepEqual(v.stops, { ppg: 1, ppi: 1 }, 'STOP PPG and STOP PPI written on stop()');
    assert.equal(v.cp.listenerCount + v.data.listenerCount + v.hrm.listenerCount, 0);
  });

  test('Verity firmware 1.1.5–2.0.x: declares 135 Hz, timestamps spaced at 55 Hz → the channel clock runs at 55 Hz ± 0.1 % with a rate-mismatch notice; a lost frame is a gap of its length', async (t) => {
    const { v, s, frames } = await open({ offeredHz: [135], trueHz: 55 });
    t.after(() => s.stop());
    assert.deepEqual(bytes(v.ppgStartCommands[0]!), bytes(pmdStartPpg({ sampleRateHz: 135, resolutionBits: 22, channels: 4 })), 'STARTs with the offered 135 Hz');
    assert.deepEqual(noticesOf(frames).at(-1), { code: 'ppg-streaming', params: { fsHz: 135 } });
    const sentBefore: number[] = [];
    for (let k = 0; k < 20; k++) sentBefore.push(...v.sendPpg(SIZES[k % SIZES.length]!)); // ~11 s
    const lost = 36;
    v.losePpg(lost); // a notification that never arrives
    const sentAfter: number[] = [];
    for (let k = 0; k < 12; k++) sentAfter.push(...v.sendPpg(SIZES[k % SIZES.length]!));
    const f = ppgOf(frames);
    assert.ok(f.every((x) => x.fsHz === 135), 'frames carry the declared rate');
    const out = throughClock(f);
    for (const c of out.chunks) assert.ok(Math.abs(c.fsHz / 55 - 1) < 0.001, `chunk rate ${c.fsHz}`);
    const mismatch = out.notices.find((n) => n.code === 'rate-mismatch');
    assert.equal(mismatch?.params?.declaredHz, 135);
    assert.ok(Math.abs(Number(mismatch?.params?.measuredHz) - 55) < 0.06, JSON.stringify(mismatch));
    // Every sample exactly once, in order; the loss as one gap of 36 samples' length.
    const values = out.chunks.flatMap((c) => Array.from(c.values));
    assert.deepEqual(values, [...sentBefore, ...sentAfter].map((g) => v.expected.get(g)));
    assert.equal(out.gaps.length, 1, JSON.stringify(out.gaps));
    const gap = out.gaps[0]!;
    assert.equal(gap.reason, 'samples-lost');
    assert.ok(Math.abs(gap.startSec - sentBefore.length / 55) < 1e-3, `gap starts at ${gap.startSec}`);
    assert.ok(Math.abs(gap.endSec - gap.startSec - lost / 55) < 1e-3, `gap of ${gap.endSec - gap.startSec} s, ${lost / 55} s lost`);
    assert.deepEqual(out.notices.find((n) => n.code === 'samples-lost')?.params, { count: lost, seconds: 0.7 });
    // Samples after the loss sit where the device sampled them: sample g at g / 55 s.
    const after = out.chunks.find((c) => c.t0Sec >= gap.endSec - 1e-9)!;
    assert.ok(Math.abs(after.t0Sec - (sentBefore.length + lost) / 55) < 1e-3);
  });

  test('OH1: features PPG/ACC/PPI, no SDK mode; declares 130 Hz, streams 135 Hz raw frames → clock at 135 Hz ± 0.1 %', async (t) => {
    const { v, s, frames } = await open({ id: 'oh1', name: 'Polar OH1 0A1B2C3D', features: '0F 0E 00', offeredHz: [130], trueHz: 135, compressed: false });
    t.after(() => s.stop());
    assert.deepEqual(v.cp.writes.map((w) => w[0]), [0x01, 0x02, 0x02], 'no GET_SDK_MODE_STATUS without SDK mode');
    assert.equal(v.starts.ppi, 1);
    for (let k = 0; k < 30; k++) v.sendPpg(k % 2 ? 13 : 14); // raw frames of 13–14 samples (~3 s)
    const out = throughClock(ppgOf(frames));
    assert.ok(out.chunks.length > 0);
    for (const c of out.chunks) assert.ok(Math.abs(c.fsHz / 135 - 1) < 0.001, `chunk rate ${c.fsHz}`);
    assert.equal(out.notices.find((n) => n.code === 'rate-mismatch')?.params?.declaredHz, 130);
    assert.equal(out.gaps.length, 0);
  });

  test('PPI: one BeatFrame per usable sample (ibi, error, HR); blocker and no-contact samples dropped; contact changes reported', async (t) => {
    const { v, s, frames } = await open();
    t.after(() => s.stop());
    assert.equal(v.ppiOn, true);
    const CONTACT = 0b110;
    const BLOCKED = 0b111;
    const NO_CONTACT = 0b100;
    v.sendPpi(encodePpi([
      { hr: 60, ppMs: 800, errMs: 10, flags: CONTACT },
      { hr: 62, ppMs: 764, errMs: 12, flags: BLOCKED },
      { hr: 61, ppMs: 790, errMs: 8, flags: CONTACT },
    ]));
    v.sendPpi(encodePpi([{ hr: 61, ppMs: 805, errMs: 9, flags: NO_CONTACT }]));
    v.sendPpi(encodePpi([
      { hr: 63, ppMs: 810, errMs: 7, flags: CONTACT },
      { hr: 0, ppMs: 820, errMs: 30, flags: 0 }, // contact not supported: kept, no HR
    ]));
    const ppi = beatsOf(frames).filter((b) => b.origin === 'ppi');
    assert.deepEqual(ppi.map((b) => [b.ibiMs, b.errorMs, b.hrBpm]), [
      [[800], [10], 60],
      [[790], [8], 61],
      [[810], [7], 63],
      [[820], [30], undefined],
    ]);
    // Within a notification, a sample's arrival is the notification's minus the intervals after it (blocked ones included).
    assert.ok(Math.abs(ppi[1]!.arrivalSec - ppi[0]!.arrivalSec - (764 + 790) / 1000) < 1e-9);
    assert.ok(Math.abs(ppi[3]!.arrivalSec - ppi[2]!.arrivalSec - 820 / 1000) < 1e-9);
    const contact = statusOf(frames).filter((f) => f.contact !== undefined && f.notice?.code !== 'connected');
    assert.deepEqual(contact.map((f) => [f.contact, f.notice?.code]), [
      ['ok', undefined],
      ['off', 'finger-out'],
      ['ok', undefined],
      ['unknown', undefined],
    ]);
  });

  test('SDK mode on: PPG at the requested rate among the SDK rates, no PPI (the device algorithms are off)', async (t) => {
    const { v, s, frames } = await open({ sdkModeOn: true, offeredHz: [28, 44, 55, 135, 176] }, { ppgSampleRateHz: 135 });
    t.after(() => s.stop());
    assert.deepEqual(v.cp.writes.map((w) => w[0]), [0x01, 0x02, 0x06], 'no START PPI');
    assert.equal(v.ppgStartCommands[0]![4], 135);
    assert.equal(v.ppiOn, false);
    assert.deepEqual(noticesOf(frames).map((n) => n.code), ['connected', 'ppg-streaming']);
  });

  test('feature bitmap unreadable: PPG found by GET as before, PPI not tried', async (t) => {
    const { v, s, frames } = await open({ features: null });
    t.after(() => s.stop());
    assert.deepEqual(v.cp.writes.map((w) => w[0]), [0x01, 0x02]);
    assert.deepEqual(noticesOf(frames).map((n) => n.code), ['connected', 'ppg-streaming']);
    assert.equal(v.sendPpg(20).length, 20);
    assert.equal(ppgOf(frames).length, 1);
  });

  test('?ppg=0 on a Verity: no PPG, PPI still started; ?ppg=0&ppi=0: PMD left alone', async (t) => {
    const a = await open({}, { ppg: false });
    t.after(() => a.s.stop());
    assert.deepEqual(a.v.cp.writes.map(bytes), [[0x06], [0x02, 0x03]]);
    assert.equal(a.s.info.protocol, 'ble-hrs');
    assert.equal(a.s.info.fsHz, undefined);
    a.v.sendPpi(encodePpi([{ hr: 70, ppMs: 857, errMs: 6, flags: 0b110 }]));
    assert.deepEqual(beatsOf(a.frames).map((b) => b.ibiMs), [[857]]);
    const b = await open({}, { ppg: false, ppi: false });
    t.after(() => b.s.stop());
    assert.deepEqual(b.v.cp.writes, []);
    assert.equal(b.v.cp.subscribeCount, 0);
  });

  test('PPG offered but START refused (INVALID_MTU): heart rate goes on, ppg-unavailable with the device answer; required → start() rejects', async (t) => {
    const a = await open({ ppgStartStatus: 10 });
    t.after(() => a.s.stop());
    assert.deepEqual(noticesOf(a.frames).at(-1), { code: 'ppg-unavailable', params: { reason: 'INVALID_MTU' } });
    assert.equal(a.s.info.fsHz, undefined);
    assert.equal(a.s.state, 'connected');
    const noble = new FakeNoble();
    new FakePolar(noble, { ppgStartStatus: 10 });
    const strict = new BleHeartRateSource({ noble, ppg: true });
    t.after(() => strict.stop());
    await assert.rejects(strict.start(), /gives no Polar PPG \(INVALID_MTU\)/);
  });

  test('the device stops PPG by itself; unreadable PMD messages → stream-stopped and bad-frames notices', async (t) => {
    const { v, s, frames } = await open();
    t.after(() => s.stop());
    v.data.notify(hex('01 00 00 00 00 00 00 00 00 00 01 02 03')); // raw PPG frame of 3 bytes
    v.cp.notify(hex('01 01'));
    assert.equal(v.sendPpg(10).length, 10);
    assert.equal(ppgOf(frames).length, 0, 'nothing counted after the device stopped PPG');
    const n = noticesOf(frames);
    assert.equal(n.find((x) => x.code === 'bad-frames')?.params?.count, 1);
    assert.deepEqual(n.at(-1), { code: 'stream-stopped', params: { what: 'PPG' } });
  });

  test('reconnect: same device, PMD restarted, a new stream counting from 0, device time continues; listeners not duplicated', async (t) => {
    const { v, s, frames } = await open({}, { reconnectBackoffMs: [50] });
    t.after(() => s.stop());
    for (const n of SIZES) v.sendPpg(n);
    v.p.visible = false;
    v.p.dropout();
    await until(() => s.state === 'reconnecting', 'reconnecting');
    v.idle(2); // the device clock runs on while the link is down
    v.p.visible = true;
    await until(() => s.state === 'connected', 'reconnected');
    assert.deepEqual(v.starts, { ppg: 2, ppi: 2 });
    assert.equal(v.cp.listenerCount + v.data.listenerCount + v.hrm.listenerCount, 3, 'one listener each');
    const firstAfter = v.g;
    for (const n of SIZES) v.sendPpg(n);
    const f = ppgOf(frames);
    const before = f.filter((x) => x.stream === 0);
    const after = f.filter((x) => x.stream === 1);
    assert.equal(before.length + after.length, f.length);
    assert.deepEqual(after.map((x) => x.index), SIZES.map((_, k) => SIZES.slice(0, k).reduce((a, b) => a + b, 0)), 'counting from 0 again');
    assert.equal(after[0]!.deviceSec, Number(v.tsNs(firstAfter + SIZES[0]! - 1)) / 1e9);
    assert.ok(after[0]!.deviceSec! - before.at(-1)!.deviceSec! > 2, 'device time shows the time away');
    assert.ok(noticesOf(frames).some((n) => n.code === 'reconnected'));
    assert.equal(noticesOf(frames).filter((n) => n.code === 'ppg-streaming').length, 2);
  });

  test('reconnect through the channel clock: the time away is a gap, measured on the device clock', async (t) => {
      const { v, s, frames } = await open({}, { reconnectBackoffMs: [50] });
      t.after(() => s.stop());
      for (let k = 0; k < 12; k++) v.sendPpg(SIZES[k % SIZES.length]!);
      const samplesBefore = v.g;
      v.p.dropout();
      await until(() => s.state === 'connected' && v.ppgOn, 'reconnected');
      v.idle(3);
      const away = (v.g - samplesBefore) / 55;
      for (let k = 0; k < 12; k++) v.sendPpg(SIZES[k % SIZES.length]!);
      const out = throughClock(ppgOf(frames));
      assert.equal(out.gaps.length, 1, JSON.stringify(out.gaps));
      assert.ok(Math.abs(out.gaps[0]!.endSec - out.gaps[0]!.startSec - away) < 0.05, `gap ${JSON.stringify(out.gaps[0])}, away ${away} s`);
  });
});
