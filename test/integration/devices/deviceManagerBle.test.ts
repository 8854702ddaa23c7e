/**
 * DeviceManager → LiveChannel with Bluetooth sensors behind a fake noble, on a test-driven clock
 * (the source's arrival clock and the channel's wall clock are the same fake clock; the fake
 * devices send when the test says so), so every expected time is known exactly:
 *
 * - an HRS strap (RR intervals, no PPG): when the link drops and the adapter reconnects by
 *   itself, the missed beats become one 'disconnected' gap from the last beat to the first
 *   interval after the reconnect; the analysis gets the strap's beats, 750 ms apart, on both sides.
 * - a Polar Verity Sense with firmware that declares 135 Hz and streams 55 Hz, under plain `ble`:
 *   PPG is started by itself, the channel's samples are timed at 55 Hz (± 0.1 %), the user gets a
 *   rate-mismatch notice, a lost frame is a 'samples-lost' gap of its length, and the analysis of
 *   its 1 Hz pulse gives 60 bpm (at the declared 135 Hz it would be 147 bpm).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import { DeviceManager, type ChannelSink, type GapEvent } from '../../../main/devices/DeviceManager.js';
import type { ClockedChunk } from '../../../shared/sensors/channelClock.js';
import type { SensorNotice } from '../../../shared/sensors/frames.js';
import type { ConnectionState } from '../../../shared/sensors/sensorSource.js';
import { hex } from '../../unit/sensors/hex.js';
import { FakeNoble, FakePeripheral, FakePolar } from '../sensors/fakeNoble.js';
import { sleep } from '../sensors/ptyPair.js';

/** HR measurement with contact detected and one RR value (1/1024 s). */
function hrPayload(hrBpm: number, rrMs: number): Uint8Array {
  const rr = Math.round((rrMs * 1024) / 1000);
  return Uint8Array.of(0x16, hrBpm, rr & 0xff, rr >> 8);
}

/** Everything a channel hands its live view. */
class ViewLog implements ChannelSink {
  chunks: ClockedChunk[] = [];
  results: WorkerResult[] = [];
  gaps: GapEvent[] = [];
  states: ConnectionState[] = [];
  notices: SensorNotice[] = [];
  addSamples(c: ClockedChunk): void {
    this.chunks.push(c);
  }
  addAnalysis(r: WorkerResult): void {
    this.results.push(r);
  }
  addGap(g: GapEvent): void {
    this.gaps.push(g);
  }
  addQuality(): void {}
  addStatus(_t: number, s: ConnectionState, n: SensorNotice | null): void {
    if (this.states.at(-1) !== s) this.states.push(s);
    if (n) this.notices.push(n);
  }
  get hr(): number[] {
    return this.results.flatMap((r) => r.metrics.map((m) => m.hrBpm)).filter((x): x is number => x !== null);
  }
}

async function until(cond: () => boolean, what: string, ms = 20000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const host = new AnalysisHost();
after(() => host.terminate());

describe('DeviceManager with Bluetooth sensors (fake noble, test clock)', { concurrency: true, timeout: 120_000 }, () => {
  test('HRS strap: RR intervals analysed; a dropout → reconnect → one disconnected gap from the last beat to the first interval after it', async () => {
    let nowMs = 0;
    const noble = new FakeNoble();
    const p = noble.add(new FakePeripheral('c0ffee123456', { localName: 'HRM-Dual', serviceUuids: ['180d'] }));
    const hrm = p.addChar('2a37');
    p.addChar('2a38', { read: () => hex('01') });
    const mgr = new DeviceManager({ analysis: host, now: () => nowMs, openContext: { ble: { noble, reconnectBackoffMs: [50], nowMs: () => nowMs } } });
    const view = new ViewLog();
    try {
      const ch = await mgr.connect('ble:c0ffee123456', 'strap');
      ch.view = view;
      assert.deepEqual(ch.info, { kind: 'ble', label: 'Bluetooth heart-rate sensor (c0ffee123456)', protocol: 'ble-hrs' });
      // A beat every 750 ms (80 bpm): one notification per beat, at the beat.
      const beat = () => {
        nowMs += 750;
        assert.ok(hrm.notify(hrPayload(80, 750)));
      };
      for (let k = 0; k < 40; k++) beat(); // channel time 0 … 30 s
      p.visible = false;
      p.dropout(); // out of range
      await until(() => ch.state === 'reconnecting', 'reconnecting');
      nowMs += 4500; // away for 4.5 s of the test clock
      p.visible = true; // back in range: the adapter rescans and reconnects
      await until(() => ch.state === 'connected', 'reconnected');
      for (let k = 0; k < 40; k++) beat();
      await until(() => view.results.length >= 80, 'an analysis result per notification');
      await mgr.disconnect('strap'); // flushes the analysis: every beat final
      assert.deepEqual(view.states, ['reconnecting', 'connected', 'disconnected']);
      assert.deepEqual(view.notices.map((n) => n.code), ['reconnecting', 'connected', 'reconnected']);
      assert.equal(view.gaps.length, 1, JSON.stringify(view.gaps));
      // Last beat before the drop at 30 s; the first interval after it closed at 30 + 4.5 + 0.75 s, so it began at 34.5 s.
      assert.deepEqual(view.gaps[0], { startSec: 30, endSec: 34.5, reason: 'disconnected' });
      const finals = view.results.flatMap((r) => r.final);
      const times = finals.map((b) => b.tSec);
      // Truth: beats at 0, 0.75 … 30 s, then at 34.5, 35.25 … 64.5 s.
      const truth = [...Array.from({ length: 41 }, (_, k) => 0.75 * k), ...Array.from({ length: 41 }, (_, k) => 34.5 + 0.75 * k)];
      assert.equal(times.length, truth.length, JSON.stringify(times));
      times.forEach((t, k) => assert.ok(Math.abs(t - truth[k]!) < 1e-6, `beat ${k} at ${t}, truth ${truth[k]}`));
      const ibis = finals.map((b) => b.ibiMs).filter((x): x is number => x !== null);
      assert.ok(ibis.length >= 78 && ibis.every((x) => Math.abs(x - 750) < 0.5), `intervals ${JSON.stringify(ibis)}`);
      assert.ok(view.hr.every((x) => Math.abs(x - 80) < 1), `HR ${JSON.stringify(view.hr)}`);
    } finally {
      await mgr.close();
    }
  });

  test('Verity Sense declaring 135 Hz, streaming 55 Hz, under plain `ble`: PPG timed at 55 Hz, rate-mismatch notice, a lost frame = a gap of its length, HR 60', async () => {
    let nowMs = 0;
    const noble = new FakeNoble();
    const v = new FakePolar(noble, { id: 'a0b1c2d3e4f5', offeredHz: [135], trueHz: 55 });
    const mgr = new DeviceManager({ analysis: host, now: () => nowMs, openContext: { ble: { noble, nowMs: () => nowMs } } });
    const view = new ViewLog();
    try {
      const ch = await mgr.connect('ble', 'verity');
      ch.view = view;
      assert.equal(ch.info.protocol, 'polar-pmd');
      assert.equal(ch.info.fsHz, 135, 'the declared rate');
      const send = (n: number) => {
        nowMs += (n / 55) * 1000;
        return v.sendPpg(n);
      };
      const sent: number[] = [];
      for (let k = 0; k < 30; k++) sent.push(...send(36)); // ~19.6 s
      const lost = 36;
      v.losePpg(lost);
      nowMs += (lost / 55) * 1000;
      for (let k = 0; k < 30; k++) sent.push(...send(36));
      await until(() => view.hr.length >= 5, 'HR from the PPG analysis');
      await mgr.disconnect('verity');
      assert.deepEqual(v.stops, { ppg: 1, ppi: 1 });
      for (const c of view.chunks) assert.ok(Math.abs(c.fsHz / 55 - 1) < 0.001, `chunk rate ${c.fsHz}`);
      assert.deepEqual(view.chunks.flatMap((c) => Array.from(c.values)), sent.map((g) => v.expected.get(g)), 'every sample once, in order');
      const mismatch = view.notices.find((n) => n.code === 'rate-mismatch');
      assert.equal(mismatch?.params?.declaredHz, 135);
      assert.ok(Math.abs(Number(mismatch?.params?.measuredHz) - 55) < 0.06);
      const lostGaps = view.gaps.filter((g) => g.reason === 'samples-lost');
      assert.equal(lostGaps.length, 1, JSON.stringify(view.gaps));
      assert.ok(Math.abs(lostGaps[0]!.startSec - (30 * 36) / 55) < 1e-3 && Math.abs(lostGaps[0]!.endSec - lostGaps[0]!.startSec - lost / 55) < 1e-3, JSON.stringify(lostGaps[0]));
      assert.ok(view.hr.every((x) => Math.abs(x - 60) < 1.5), `HR ${JSON.stringify(view.hr)}`);
    } finally {
      await mgr.close();
    }
  });
});
