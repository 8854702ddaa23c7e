/**
 * BleHeartRateSource: a SensorSource for Bluetooth LE heart-rate sensors (HRS 0x180D,
 * sensor-protocols §1 and §7) with Polar PMD PPG and PPI where the sensor offers them (§2).
 * Flow: wait for poweredOn (notice 'adapter-state' for off/unauthorized/no adapter), scan, stop
 * scanning, connect with timeout + cancelConnect, read body location and battery ('connected'),
 * then Polar PMD when the sensor has it (polarPpgStream.ts: PPG and PPI started by the feature
 * bitmap: Verity Sense and OH1 carry no RR in their HRS, so HRV needs PPG or PPI), then subscribe
 * 0x2A37 → one BeatFrame per notification (all RR values, origin 'rr') and StatusFrames for contact.
 * On disconnect: drop listeners, back off, rescan for the same peripheral.id, reconnect,
 * resubscribe, restart PMD (a new PPG `stream`, counting from 0) — until stop().
 */
import { sensorIdentity } from '../../shared/sensors/sensorIdentity.js';
import type { SensorNotice, StatusFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceEvents, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { BLE_UUID, parseBatteryLevel, parseBodySensorLocation, parseHeartRateMeasurement, type HrContact } from '../../shared/sensors/bleHeartRate.js';
import { PMD_UUID } from '../../shared/sensors/polarPmd.js';
import { Aborter, withTimeout } from './asyncUtil.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { NobleSession, explainBluetoothState, loadNoble } from './nobleSession.js';
import { PolarPmdSession, type PolarPpgChannel } from './polarPpgStream.js';
import type { DataListener, NobleCharacteristicLike, NobleLike, NoblePeripheralLike } from './nobleTypes.js';

export interface BleHeartRateSourceOptions {
  /** peripheral.id to connect to (from listBleDevices); default: the first heart-rate sensor found. */
  deviceId?: string;
  /** Case-insensitive part of the advertised name, e.g. 'Polar Sense' (scans without the 180d filter). */
  name?: string;
  /** Polar PMD PPG: true = required (start() rejects without it), false = off, undefined = when offered. */
  ppg?: boolean;
  /** Polar PMD PPI: true = required, false = off, undefined = when offered (not in SDK mode). */
  ppi?: boolean;
  /** Preferred PPG rate, Hz (default 55; the offered rate nearest to it otherwise). */
  ppgSampleRateHz?: number;
  ppgChannel?: PolarPpgChannel;
  /** The noble module or a loader (default: lazy `import('@abandonware/noble')`). */
  noble?: NobleLike | (() => Promise<NobleLike>);
  /** 'unknown' state longer than this = no adapter, ms (default 3000). */
  stateTimeoutMs?: number;
  /** start(): give up when no sensor is found, ms (default 20000). */
  scanTimeoutMs?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Back-off between reconnect attempts, ms (last value repeats). */
  reconnectBackoffMs?: readonly number[];
  nowMs?: () => number;
}

const norm = (u: string) => u.toLowerCase().replace(/-/g, '');

/** The adapter state as a notice parameter (see sensorNotices.ts). */
function adapterStateCode(s: string): string {
  return s === 'poweredOff' ? 'off' : s === 'unauthorized' || s === 'unsupported' || s === 'resetting' ? s : 'unknown';
}

const CONTACT: Record<HrContact, StatusFrame['contact']> = { contact: 'ok', 'no-contact': 'off', unsupported: 'unknown' };

export class BleHeartRateSource implements SensorSource {
  readonly spec: string;
  private readonly o: BleHeartRateSourceOptions;
  private readonly emitter = new TypedEmitter<SensorSourceEvents>();
  private readonly nowMs: () => number;
  private readonly aborter = new Aborter();
  private session: NobleSession | undefined;
  private peripheral: NoblePeripheralLike | undefined;
  private deviceId: string | undefined;
  private deviceLabel = 'heart-rate sensor';
  private connectionCleanup: (() => void)[] = [];
  private pmd: PolarPmdSession | undefined;
  /** PPG counting epochs started so far (one per connection). */
  private ppgStreams = 0;
  /** The declared PPG rate of the current connection (undefined: no PPG). */
  private ppgHz: number | undefined;
  private stateValue: ConnectionState = 'disconnected';
  private stopping = false;
  private running = false;
  private reconnecting = false;
  private lastContact: HrContact | undefined;
  private badHr = 0;
  private lastBadHrSec = Number.NEGATIVE_INFINITY;

  constructor(opts: BleHeartRateSourceOptions = {}) {
    this.o = opts;
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.deviceId = opts.deviceId;
    const flag = (k: string, v: boolean | undefined) => (v === undefined ? '' : `${k}=${v ? 1 : 0}`);
    const q = [flag('ppg', opts.ppg), flag('ppi', opts.ppi), opts.name ? `name=${encodeURIComponent(opts.name)}` : ''].filter(Boolean).join('&');
    this.spec = `ble:${opts.deviceId ?? 'any'}${q ? '?' + q : ''}`;
    if (opts.ppg === true) this.ppgHz = opts.ppgSampleRateHz ?? 55;
  }

  /** `ble:<device id>` once a device is known (given, or found by the scan); else the spec. */
  get identity(): string {
    return this.deviceId ? sensorIdentity(`ble:${this.deviceId}`) : this.spec;
  }

  /**
   * What the source delivers, as far as known: with PPG streaming (or required, before the first
   * connection) `fsHz` is the declared rate and the protocol 'polar-pmd', else 'ble-hrs'.
   */
  get info(): SensorSourceInfo {
    const o = this.o;
    return {
      kind: 'ble',
      label: `Bluetooth heart-rate sensor${o.name ? ` '${o.name}'` : ''}${o.deviceId ? ` (${o.deviceId})` : ''}`,
      protocol: this.ppgHz !== undefined ? 'polar-pmd' : 'ble-hrs',
      ...(this.ppgHz !== undefined ? { fsHz: this.ppgHz } : {}),
    };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  on<E extends keyof SensorSourceEvents>(ev: E, fn: SensorSourceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  /** start: adapter on → scan → connect → subscribe; rejects with a clear message. */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    this.aborter.reset();
    this.setState('connecting');
    try {
      const noble = typeof this.o.noble === 'function' ? await this.o.noble() : (this.o.noble ?? (await loadNoble()));
      this.session = new NobleSession(noble, (s) => this.onAdapterState(s));
      await this.aborter.wrap(this.session.waitPoweredOn(this.o.stateTimeoutMs ?? 3000), () => undefined);
      const p = await this.scan(this.o.scanTimeoutMs ?? 20000);
      await this.connect(p);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      await this.teardown();
      this.setState('error', msg);
      // A coded problem (adapter off, sensor not found, no PPG …) keeps its code: shown in the user's language.
      throw err instanceof CadansError ? err : new Error(msg);
    }
    this.running = true;
    this.setState('connected', `connected to ${this.deviceLabel}`);
  }

  /** stop: STOP the PMD stream, disconnect, stop scanning, detach. Never rejects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    this.aborter.abort();
    await this.teardown();
    if (this.stateValue !== 'disconnected') this.setState('disconnected');
  }

  /** Host monotonic time, s (arrival time of frames). */
  private tSec(): number {
    return this.nowMs() / 1000;
  }

  private setState(s: ConnectionState, message?: string): void {
    this.stateValue = s;
    this.emitter.emit('state', s, message);
  }

  private status(notice: SensorNotice, extra: Partial<StatusFrame> = {}): void {
    this.emitter.emit('frame', { kind: 'status', arrivalSec: this.tSec(), notice, ...extra });
  }

  private async teardown(): Promise<void> {
    if (this.pmd) await this.pmd.stop();
    this.pmd = undefined;
    this.dropConnection();
    const p = this.peripheral;
    this.peripheral = undefined;
    if (p) await withTimeout(p.disconnectAsync(), 2000, 'disconnect timed out').catch(() => undefined);
    if (this.session) {
      await withTimeout(this.session.noble.stopScanningAsync(), 1000, 'stop scan timed out').catch(() => undefined);
      this.session.detach();
    }
  }

  private dropConnection(): void {
    this.pmd?.detach();
    for (const f of this.connectionCleanup.splice(0)) {
      try {
        f();
      } catch {
        /* listener already gone */
      }
    }
  }

  private matches(p: NoblePeripheralLike): boolean {
    if (this.deviceId) return p.id === this.deviceId || (p.address ?? '').toLowerCase() === this.deviceId.toLowerCase();
    if (this.o.name) return (p.advertisement.localName ?? '').toLowerCase().includes(this.o.name.toLowerCase());
    const uuids = p.advertisement.serviceUuids;
    return !uuids || uuids.map(norm).includes(BLE_UUID.heartRateService);
  }

  /** scan: first matching peripheral; scanning is stopped before resolving. */
  private scan(timeoutMs: number | undefined): Promise<NoblePeripheralLike> {
    const session = this.session as NobleSession;
    const noble = session.noble;
    const filter = this.deviceId || this.o.name ? [] : [BLE_UUID.heartRateService];
    let onDiscover: ((p: NoblePeripheralLike) => void) | undefined;
    const cleanup = () => {
      if (onDiscover) noble.removeListener('discover', onDiscover);
      onDiscover = undefined;
    };
    const found = new Promise<NoblePeripheralLike>((resolve, reject) => {
      onDiscover = (p) => {
        if (!this.matches(p)) return;
        cleanup();
        noble.stopScanningAsync().then(
          () => resolve(p),
          () => resolve(p),
        );
      };
      noble.on('discover', onDiscover);
      noble.startScanningAsync(filter, false).catch((err: unknown) => {
        cleanup();
        reject(new CadansError('ble.scanFailed', { detail: err instanceof Error ? err.message : String(err) }));
      });
    });
    const which = this.deviceId ? { which: 'id', sensor: this.deviceId } : this.o.name ? { which: 'name', sensor: this.o.name } : { which: 'any', sensor: '' };
    const notFound = () => new CadansError('ble.notFound', { ...which, seconds: String((timeoutMs ?? 0) / 1000) });
    const timed = withTimeout(found, timeoutMs, notFound, () => {
      cleanup();
      noble.stopScanningAsync().catch(() => undefined);
    });
    return this.aborter.wrap(timed, () => {
      cleanup();
      noble.stopScanningAsync().catch(() => undefined);
    });
  }

  /** connect: connect with timeout, discover, read location/battery, start PMD (when there), subscribe HR. */
  private async connect(p: NoblePeripheralLike): Promise<void> {
    this.peripheral = p;
    this.deviceId = p.id;
    this.deviceLabel = p.advertisement.localName ? `${p.advertisement.localName} (${p.id})` : p.id;
    const ms = this.o.connectTimeoutMs ?? 10000;
    await this.aborter.wrap(
      withTimeout(p.connectAsync(), ms, () => new CadansError('ble.timeout', { step: 'connect', device: this.deviceLabel, seconds: String(ms / 1000) }), () => p.cancelConnect()),
      () => p.cancelConnect(),
    );
    const onDisconnect = () => this.onDisconnect(p);
    p.on('disconnect', onDisconnect);
    this.connectionCleanup.push(() => p.removeListener('disconnect', onDisconnect));
    const services: string[] = [BLE_UUID.heartRateService, BLE_UUID.batteryService];
    const chars: string[] = [BLE_UUID.heartRateMeasurement, BLE_UUID.bodySensorLocation, BLE_UUID.batteryLevel];
    const wantPmd = this.o.ppg !== false || this.o.ppi !== false;
    if (wantPmd) {
      services.push(PMD_UUID.service);
      chars.push(PMD_UUID.controlPoint, PMD_UUID.data);
    }
    const { characteristics } = await withTimeout(
      p.discoverSomeServicesAndCharacteristicsAsync(services, chars),
      ms,
      () => new CadansError('ble.timeout', { step: 'discover', device: this.deviceLabel, seconds: String(ms / 1000) }),
    );
    const ch = (u: string) => characteristics.find((c) => norm(c.uuid) === u);
    const hrm = ch(BLE_UUID.heartRateMeasurement);
    if (!hrm) throw new CadansError('ble.noHeartRate', { device: this.deviceLabel });
    await this.readInfo(ch(BLE_UUID.bodySensorLocation), ch(BLE_UUID.batteryLevel));
    // PMD before HR: the channel knows whether PPG flows before the first beats arrive.
    if (wantPmd) await this.startPmd(ch(PMD_UUID.controlPoint), ch(PMD_UUID.data));
    const onHr: DataListener = (data) => this.onHeartRate(data);
    hrm.on('data', onHr);
    this.connectionCleanup.push(() => hrm.removeListener('data', onHr));
    await withTimeout(hrm.subscribeAsync(), ms, () => new CadansError('ble.timeout', { step: 'subscribe', device: this.deviceLabel, seconds: String(ms / 1000) }));
  }

  private async readInfo(loc?: NobleCharacteristicLike, bat?: NobleCharacteristicLike): Promise<void> {
    const read = (c: NobleCharacteristicLike) => withTimeout(c.readAsync(), 3000, 'read timed out').catch(() => undefined);
    const params: Record<string, string | number> = { device: this.deviceLabel };
    const extra: { batteryPct?: number } = {};
    if (loc) {
      const v = await read(loc);
      const r = v ? parseBodySensorLocation(v) : undefined;
      if (r?.ok) params.location = r.name;
    }
    if (bat) {
      const v = await read(bat);
      const r = v ? parseBatteryLevel(v) : undefined;
      if (r?.ok) {
        params.batteryPct = r.batteryPct;
        extra.batteryPct = r.batteryPct;
      }
    }
    this.status({ code: 'connected', params }, extra);
  }

  /** startPmd: Polar PMD PPG / PPI as the options and the sensor allow; rejects when a required stream is missing. */
  private async startPmd(cp?: NobleCharacteristicLike, data?: NobleCharacteristicLike): Promise<void> {
    this.ppgHz = undefined;
    if (!cp || !data) {
      if (this.o.ppg === true) {
        this.status({ code: 'ppg-unavailable', params: { reason: 'no-pmd' } });
        throw new CadansError('ble.noPmd', { device: this.deviceLabel, stream: 'ppg' });
      }
      if (this.o.ppi === true) throw new CadansError('ble.noPmd', { device: this.deviceLabel, stream: 'ppi' });
      return;
    }
    const pmd = new PolarPmdSession(cp, data, {
      ppg: this.o.ppg,
      ppi: this.o.ppi,
      sampleRateHz: this.o.ppgSampleRateHz,
      channel: this.o.ppgChannel,
      stream: this.ppgStreams++,
      device: this.deviceLabel,
      commandTimeoutMs: this.o.commandTimeoutMs,
      tSec: () => this.tSec(),
      emit: (f) => this.emitter.emit('frame', f),
      status: (n) => this.status(n),
    });
    this.pmd = pmd;
    await pmd.start();
    this.ppgHz = pmd.ppgHz;
  }

  private onHeartRate(data: Uint8Array): void {
    const t = this.tSec();
    const m = parseHeartRateMeasurement(data);
    if (!m.ok) {
      this.badHr++;
      if (t - this.lastBadHrSec > 10) {
        this.lastBadHrSec = t;
        this.status({ code: 'bad-frames', params: { count: this.badHr, what: 'heart-rate', ...(m.problem ? { problem: m.problem } : {}), message: m.error } });
      }
      return;
    }
    if (m.contact !== this.lastContact) {
      this.lastContact = m.contact;
      this.emitter.emit('frame', { kind: 'status', arrivalSec: t, contact: CONTACT[m.contact], ...(m.contact === 'no-contact' ? { notice: { code: 'finger-out' } } : {}) });
    }
    this.emitter.emit('frame', { kind: 'beats', arrivalSec: t, ibiMs: m.rrMs, hrBpm: m.hrBpm, origin: 'rr' });
  }

  private onAdapterState(s: string): void {
    if (s === 'poweredOn' || this.stopping || !this.running) return;
    this.status({ code: 'adapter-state', params: { state: adapterStateCode(s) } });
    if (this.peripheral && !this.reconnecting) this.onDisconnect(this.peripheral);
  }

  private onDisconnect(p: NoblePeripheralLike): void {
    if (this.stopping || !this.running || p !== this.peripheral || this.reconnecting) return;
    this.dropConnection();
    this.pmd = undefined;
    this.peripheral = undefined;
    this.lastContact = undefined;
    this.setState('reconnecting', `lost the connection to ${this.deviceLabel}`);
    this.status({ code: 'reconnecting', params: { port: this.deviceLabel, reason: 'Bluetooth connection lost' } });
    void this.reconnectLoop();
  }

  private async reconnectLoop(): Promise<void> {
    this.reconnecting = true;
    const backoff = this.o.reconnectBackoffMs ?? [250, 1000, 2000, 5000];
    let lastMsg = '';
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        await this.aborter.sleep(backoff[Math.min(attempt, backoff.length - 1)]);
        const session = this.session as NobleSession;
        if (session.state !== 'poweredOn') {
          const msg = explainBluetoothState(session.state);
          if (msg !== lastMsg) this.status({ code: 'adapter-state', params: { state: adapterStateCode(session.state) } });
          lastMsg = msg;
        }
        await this.aborter.wrap(session.waitPoweredOn(), () => undefined);
        const p = await this.scan(30000);
        await this.connect(p);
        this.reconnecting = false;
        this.setState('connected', `reconnected to ${this.deviceLabel}`);
        this.status({ code: 'reconnected', params: { port: this.deviceLabel } });
        return;
      } catch (err) {
        if (this.stopping) break;
        this.dropConnection();
        this.pmd = undefined;
        const p = this.peripheral;
        this.peripheral = undefined;
        if (p) await withTimeout(p.disconnectAsync(), 2000, 'disconnect timed out').catch(() => undefined);
        const msg = err instanceof Error ? err.message : String(err);
        // `message` stays the English line; a coded problem travels along to be read in the user's language.
        const coded: Record<string, string> = err instanceof CadansError ? { errorCode: err.code, errorParams: JSON.stringify(err.params) } : {};
        if (msg !== lastMsg) this.status({ code: 'reconnect-failed', params: { message: msg, ...coded } });
        lastMsg = msg;
      }
    }
    this.reconnecting = false;
  }
}
