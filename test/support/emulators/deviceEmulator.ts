/**
 * DeviceEmulator: the pure core of the serial device emulators (no I/O, no clock):
 * given a device profile (deviceProfiles.ts), a waveform (waveform.ts) and link faults
 * (linkFaults.ts), it generates, on demand up to any emulator time, exactly the bytes
 * the device sends and when they reach the host, reacts to host bytes (ESP32 `b`/`x`,
 * CMS50 start / keep-alive / stop commands), and keeps the truth of what was sent.
 *
 * Timing: sample k is emitted at t_k with t_{k+1} = t_k + 1/rate(t_k), rate(t) =
 * rateHz · (1 + driftPerMin · t/60) (the device's own, imperfect clock); its bytes are
 * delivered at deliverySec(t_k) (burst hold-back, USB batching); samples in a pause are
 * not sent. The runner (emulateDevice.ts) writes each unit at its delivery time on a
 * real clock, catching up in a burst when it was delayed; `render()` produces the whole
 * byte stream at once for unit tests.
 */
import { DEVICE_PROFILES, ESP32_BOOT, ESP32_LOOP_START_SEC, CMS50_ACK, encodeCms50Packet5, encodeCms50Packet9, println, type DeviceProfile, type DeviceProfileId } from './deviceProfiles.js';
import { FirmwareBeatDetector, PULSESENSOR_BEATS, cms50Options } from './firmwareBeats.js';
import { deliverySec, garble, hashNoise, inPause, mulberry32, type DeliveryOptions } from './linkFaults.js';
import { SyntheticPulse, type Waveform } from './waveform.js';
import type { EmulatorTruth, Fate, TruthBeat, TruthSample } from './emulatorTruth.js';

export type { EmulatorTruth, Fate, TruthBeat, TruthSample } from './emulatorTruth.js';

export interface EmulatorOptions extends DeliveryOptions {
  device: DeviceProfileId;
  /** True sample rate, Hz (default: the profile's typical rate). */
  rateHz?: number;
  /** Slow drift of the rate, fraction per minute (e.g. 0.002). */
  driftPerMin?: number;
  /** Stop generating at this emulator time, s (default: never). */
  durationSec?: number;
  seed?: number;
  /** Fraction of lines/packets dropped whole. */
  lost?: number;
  /** Fraction of lines/packets corrupted (linkFaults.garble). */
  garbled?: number;
  /** Default: SyntheticPulse with `ibiMs`. */
  waveform?: Waveform;
  /** Synthetic pulse IBIs, ms, cycled (default DEFAULT_IBI_MS). */
  ibiMs?: readonly number[];
  /** CMS50-9: live stream stops this long after the last A1/AF, s (default 30). */
  liveTimeoutSec?: number;
  /** PulseSensor ADC noise, ± counts (default 2). */
  noiseCounts?: number;
}

interface Unit {
  sendSec: number;
  bytes: Uint8Array;
}

const ADC_STEP_SEC = 0.002;

export class DeviceEmulator {
  readonly profile: DeviceProfile;
  private readonly o: EmulatorOptions;
  private readonly rate0: number;
  private readonly drift: number;
  private readonly wave: Waveform;
  private readonly rnd: () => number;
  private readonly seed: number;
  private readonly queue: Unit[] = [];
  private qHead = 0;
  private readonly t: EmulatorTruth;
  // sample clock
  private streaming: boolean;
  private nextTickSec: number;
  private sampleIndex = 0;
  private generatedUntil = 0;
  // firmware
  private detectors: FirmwareBeatDetector[] = [];
  private adcStep = 0;
  private pendingBeats: TruthBeat[] = [];
  private cmsBeatTicks = 0;
  private liveDeadlineSec = Infinity;
  private bootIndex = 0;
  private hostBuf: number[] = [];

  constructor(opts: EmulatorOptions) {
    this.o = opts;
    this.profile = DEVICE_PROFILES[opts.device];
    if (!this.profile) throw new Error(`unknown device profile '${String(opts.device)}'`);
    this.rate0 = opts.rateHz ?? this.profile.rateHz;
    if (!(this.rate0 > 0 && this.rate0 < 1000)) throw new Error(`bad rate ${this.rate0}`);
    this.drift = opts.driftPerMin ?? 0;
    this.seed = opts.seed ?? 1;
    this.rnd = mulberry32(this.seed);
    this.wave = opts.waveform ?? new SyntheticPulse(opts.ibiMs);
    const p = this.profile;
    this.streaming = !p.wakeUp;
    this.nextTickSec = this.streaming ? 1 / this.rate0 : Infinity;
    const fam = p.protocol === 'pulsesensor';
    this.detectors = Array.from({ length: p.sensorCount }, () => new FirmwareBeatDetector(fam ? PULSESENSOR_BEATS : cms50Options(this.rate0)));
    this.t = {
      device: p.id,
      protocol: p.protocol,
      baudRate: p.baudRate,
      parity: p.parity,
      sensorCount: p.sensorCount,
      rateHz: this.rate0,
      driftPerMin: this.drift,
      seed: this.seed,
      lost: opts.lost ?? 0,
      garbled: opts.garbled ?? 0,
      samples: [],
      beatsSec: [],
      reported: [],
      streams: this.streaming ? [{ startSec: 0, endSec: null }] : [],
      commands: [],
      units: { ok: 0, lost: 0, garbled: 0, paused: 0 },
      garbleKinds: { drop: 0, flip: 0, truncate: 0 },
    };
  }

  /** The requested rate at emulator time tSec, Hz. */
  rateAt(tSec: number): number {
    return this.rate0 * (1 + (this.drift * tSec) / 60);
  }

  /** advance: generate every unit emitted up to `untilSec` (call before hostInput at that time). */
  advance(untilSec: number): void {
    const end = Math.min(untilSec, this.o.durationSec ?? Infinity);
    for (;;) {
      const next = this.nextEventSec();
      if (next > end) break;
      this.processEvent(next);
    }
    if (this.profile.format === 'esp32') this.runFirmwareTo(end);
    this.generatedUntil = Math.max(this.generatedUntil, end);
  }

  /** hostInput: bytes the host wrote, arriving at tSec. */
  hostInput(bytes: Uint8Array, tSec: number): void {
    const f = this.profile.format;
    if (f === 'esp32') {
      for (const b of bytes) {
        const at = Math.max(tSec, ESP32_LOOP_START_SEC);
        if (b === 0x62 && !this.streaming) this.startStream(at, 'b');
        else if (b === 0x78 && this.streaming) this.stopStream(at, 'x');
      }
    } else if (f === 'cms50-9') {
      this.hostBuf.push(...bytes);
      for (;;) {
        const i = this.hostBuf.findIndex((b, k) => b === 0x7d && this.hostBuf[k + 1] === 0x81);
        if (i < 0) {
          this.hostBuf = this.hostBuf.slice(-1);
          break;
        }
        if (this.hostBuf.length < i + 3) {
          this.hostBuf = this.hostBuf.slice(i);
          break;
        }
        this.command(this.hostBuf[i + 2], tSec);
        this.hostBuf = this.hostBuf.slice(i + 3);
      }
    }
  }

  /** takeDue: the bytes of every unit delivered by nowSec, concatenated (null when none). */
  takeDue(nowSec: number): Uint8Array | null {
    const parts: Uint8Array[] = [];
    while (this.qHead < this.queue.length && this.queue[this.qHead].sendSec <= nowSec + 1e-9) parts.push(this.queue[this.qHead++].bytes);
    if (this.qHead > 4096) {
      this.queue.splice(0, this.qHead);
      this.qHead = 0;
    }
    if (parts.length === 0) return null;
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Time something next becomes due (a queued unit or the next emission), s; Infinity when idle. */
  nextDueSec(): number {
    const head = this.qHead < this.queue.length ? this.queue[this.qHead].sendSec : Infinity;
    let gen = this.nextEventSec();
    if (this.profile.format === 'esp32' && !this.streaming) gen = Math.min(gen, this.generatedUntil + 0.05);
    if (gen > (this.o.durationSec ?? Infinity)) gen = Infinity;
    return Math.min(head, gen);
  }

  /** True once durationSec has been generated and everything delivered. */
  get finished(): boolean {
    return this.o.durationSec !== undefined && this.generatedUntil >= this.o.durationSec && this.qHead >= this.queue.length;
  }

  /** truth: what was sent so far. */
  truth(): EmulatorTruth {
    const until = this.generatedUntil;
    this.t.beatsSec = Array.from({ length: this.profile.sensorCount }, (_, ch) => this.wave.beatTimesSec(ch, until));
    return this.t;
  }

  /** render: generate up to durationSec and return the whole byte stream (for unit tests). */
  static render(opts: EmulatorOptions & { durationSec: number }): { bytes: Uint8Array; truth: EmulatorTruth } {
    const e = new DeviceEmulator(opts);
    if (e.profile.wakeUp === 'cms50-start') e.hostInput(Uint8Array.of(0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), 0);
    if (e.profile.wakeUp === 'esp32-b') e.hostInput(Uint8Array.of(0x62), 0);
    let keepAlive = 5;
    while (keepAlive < opts.durationSec && e.profile.wakeUp === 'cms50-start') {
      e.advance(keepAlive);
      e.hostInput(Uint8Array.of(0x7d, 0x81, 0xaf, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), keepAlive);
      keepAlive += 5;
    }
    e.advance(opts.durationSec);
    return { bytes: e.takeDue(Infinity) ?? new Uint8Array(0), truth: e.truth() };
  }

  // ---- generation ----

  private nextEventSec(): number {
    let t = this.streaming ? Math.max(this.nextTickSec, 0) : Infinity;
    if (this.profile.catchUpUntilSec !== undefined && t < this.profile.catchUpUntilSec) t = this.profile.catchUpUntilSec;
    if (this.profile.format === 'esp32' && this.bootIndex < ESP32_BOOT.length) t = Math.min(t, ESP32_BOOT[this.bootIndex].tSec);
    if (this.streaming && this.liveDeadlineSec < t) t = this.liveDeadlineSec;
    return t;
  }

  private processEvent(t: number): void {
    const p = this.profile;
    if (p.format === 'esp32' && this.bootIndex < ESP32_BOOT.length && ESP32_BOOT[this.bootIndex].tSec <= t) {
      this.emit(t, ESP32_BOOT[this.bootIndex++].bytes);
      return;
    }
    if (this.streaming && this.liveDeadlineSec <= t) {
      this.stopStream(this.liveDeadlineSec, 'live timeout');
      return;
    }
    const tick = this.nextTickSec;
    this.nextTickSec = tick + 1 / this.rateAt(tick);
    this.sample(t);
  }

  private startStream(at: number, why: string): void {
    this.streaming = true;
    this.nextTickSec = at + 1 / this.rateAt(at);
    this.t.streams.push({ startSec: at, endSec: null });
    this.t.commands.push({ tSec: at, command: why });
  }

  private stopStream(at: number, why: string): void {
    this.streaming = false;
    this.nextTickSec = Infinity;
    this.liveDeadlineSec = Infinity;
    const s = this.t.streams[this.t.streams.length - 1];
    if (s && s.endSec === null) s.endSec = at;
    this.t.commands.push({ tSec: at, command: why });
  }

  private command(cmd: number, tSec: number): void {
    const timeout = this.o.liveTimeoutSec ?? 30;
    if (cmd === 0xa1) {
      if (!this.streaming) {
        this.detectors = [new FirmwareBeatDetector(cms50Options(this.rate0))];
        this.cmsBeatTicks = 0;
        this.startStream(tSec, 'A1 start live');
      } else this.t.commands.push({ tSec, command: 'A1 restart' });
      this.liveDeadlineSec = tSec + timeout;
    } else if (cmd === 0xaf) {
      if (this.streaming) this.liveDeadlineSec = tSec + timeout;
      this.t.commands.push({ tSec, command: 'AF keep-alive' });
    } else if (cmd === 0xa2 || cmd === 0xa7) {
      if (this.streaming && cmd === 0xa2) this.stopStream(tSec, 'A2 stop live');
      else this.t.commands.push({ tSec, command: cmd === 0xa2 ? 'A2 stop live' : 'A7 stop stored' });
      this.emit(tSec, CMS50_ACK);
    }
  }

  /** ADC value (0–1023) of sensor `ch` at ADC step j (2 ms steps). */
  private adc(j: number, ch: number): number {
    const w = this.wave.valueAt(j * ADC_STEP_SEC, ch);
    const noise = (this.o.noiseCounts ?? 2) * hashNoise(j, ch, this.seed);
    return Math.max(0, Math.min(this.profile.valueMax, Math.round(400 + 320 * w + noise)));
  }

  /** Run the PulseSensor library's 500 Hz sampling and beat detection up to tSec. */
  private runFirmwareTo(tSec: number): void {
    const p = this.profile;
    if (p.format === 'esp32' && tSec < ESP32_LOOP_START_SEC) return;
    while ((this.adcStep + 1) * ADC_STEP_SEC <= tSec + 1e-9) {
      this.adcStep++;
      for (let ch = 0; ch < this.detectors.length; ch++) {
        const beat = this.detectors[ch].step(this.adc(this.adcStep, ch));
        if (!beat) continue;
        const tb = this.adcStep * ADC_STEP_SEC;
        const rec: TruthBeat = { tSec: tb, sensor: ch, ibiMs: beat.ibiMs, bpm: beat.bpm, printed: [] };
        this.t.reported.push(rec);
        if (p.format === 'visualizer') this.pendingBeats.push(rec);
        else if (p.format === 'esp32' && !this.streaming) rec.printed.push(this.emit(tb, println(`${beat.bpm} bpm`)));
      }
    }
  }

  private sample(t: number): void {
    const p = this.profile;
    if (p.format === 'begin-failed') {
      this.emit(t, println('!'));
      return;
    }
    if (p.protocol !== 'pulsesensor') {
      this.cmsSample(t);
      return;
    }
    this.runFirmwareTo(t);
    const j = this.adcStep;
    const values = Array.from({ length: p.sensorCount }, (_, ch) => this.adc(j, ch));
    const v = values[0];
    const d = this.detectors[0];
    let line: string;
    if (p.format === 'plotter') line = `${d.bpm},${d.ibiMs},${v}`;
    else if (p.format === 'visualizer') line = `S${v}`;
    else if (p.format === 'signal-text') line = `Signal ${v}`;
    else if (p.format === 'multi-plotter') line = values.join(',');
    else line = `${v}`;
    this.record(t, v, values, this.emit(t, println(line)));
    for (const b of this.pendingBeats) {
      b.printed.push(this.emit(t, println(`B${b.bpm}`)));
      b.printed.push(this.emit(t, println(`Q${b.ibiMs}`)));
    }
    this.pendingBeats = [];
  }

  private cmsSample(t: number): void {
    const p = this.profile;
    const pleth = Math.max(0, Math.min(127, Math.round(8 + 100 * this.wave.valueAt(t, 0))));
    const det = this.detectors[0];
    const beat = det.step(pleth);
    if (beat) {
      this.cmsBeatTicks = 2; // the beat marker shows on two consecutive packets
      this.t.reported.push({ tSec: t, sensor: 0, ibiMs: beat.ibiMs, bpm: beat.bpm, printed: [] });
    }
    const searching = det.bpm === 0;
    const fields = {
      pleth,
      signal: 5,
      beat: this.cmsBeatTicks > 0,
      bar: Math.min(15, Math.round(pleth / 8)),
      pulseRateBpm: searching ? 0 : det.bpm,
      spo2Pct: searching ? 0 : 97 + (Math.floor(t / 10) % 2),
      searching,
    };
    if (this.cmsBeatTicks > 0) this.cmsBeatTicks--;
    const bytes = p.protocol === 'cms50-5' ? encodeCms50Packet5(fields) : encodeCms50Packet9(fields);
    this.record(t, pleth, [pleth], this.emit(t, bytes));
  }

  private record(t: number, value: number, values: number[], fate: Fate): void {
    const s: TruthSample = { i: this.sampleIndex++, tSec: t, value, fate, sendSec: deliverySec(t, this.o) };
    if (values.length > 1) s.values = values;
    this.t.samples.push(s);
  }

  /** Queue one line/packet emitted at t, applying the link faults; returns its fate. */
  private emit(t: number, bytes: Uint8Array): Fate {
    let fate: Fate = 'ok';
    let out = bytes;
    if (inPause(t, this.o)) fate = 'paused';
    else if (this.rnd() < (this.o.lost ?? 0)) fate = 'lost';
    else if (this.rnd() < (this.o.garbled ?? 0)) {
      const g = garble(bytes, this.rnd);
      out = g.bytes;
      fate = 'garbled';
      this.t.garbleKinds[g.kind]++;
    }
    this.t.units[fate]++;
    if (fate === 'ok' || fate === 'garbled') this.queue.push({ sendSec: deliverySec(t, this.o), bytes: out });
    return fate;
  }
}
