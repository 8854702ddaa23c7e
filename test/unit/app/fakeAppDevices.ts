// Small fakes of the device manager and the session recorder for the app-service tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService, type AppServiceOptions } from '../../../main/app/AppService.js';
import type { AppChannel, AppDevices, AppRecorder, AppRecorderOptions } from '../../../main/app/appPorts.js';
import type { ChannelSink } from '../../../main/devices/LiveChannel.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage } from '../../../main/storage/storage.js';
import type { EventName } from '../../../shared/ipc/contract.js';
import type { SessionSummary } from '../../../main/sessions/sessionSummary.js';
import { emptySummary } from '../../../main/sessions/sessionSummary.js';
import type { Storage } from '../../../main/storage/storage.js';
import type { SessionRow } from '../../../shared/domain/types.js';
import type { PacerSchedule } from '../../../shared/pacer/pacerSchedule.js';
import type { PacerSettings } from '../../../shared/pacer/pacerSettings.js';
import type { SensorNotice } from '../../../shared/sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../../../shared/sensors/sensorSource.js';

/** A connected sensor as the app sees it; tests hand it data through its view (as a LiveChannel does). */
export class FakeChannel implements AppChannel {
  state: ConnectionState = 'connected';
  lastNotice: SensorNotice | null = null;
  measuredHz: number | null = null;
  silentSec = 0;
  view: ChannelSink | null = null;
  /** The USB serial number or BLE id key, when the test gives the sensor one. */
  identity?: string;

  constructor(
    readonly id: string,
    readonly spec: string,
    readonly info: SensorSourceInfo,
    private readonly devices: FakeDevices,
  ) {}

  nowSec(): number {
    return this.devices.clockSec;
  }
}

export class FakeDevices implements AppDevices {
  readonly chans: FakeChannel[] = [];
  readonly pacers: (PacerSchedule | null)[] = [];
  clockSec = 0;

  channel(id: string): FakeChannel | undefined {
    return this.chans.find((c) => c.id === id);
  }
  channels(): FakeChannel[] {
    return [...this.chans];
  }
  async connect(spec: string, id = 'ch1', view: ChannelSink | null = null): Promise<FakeChannel> {
    if (spec.startsWith('bad')) throw new Error(`unknown sensor '${spec}'`);
    const info = { kind: spec.startsWith('sim') ? ('sim' as const) : ('serial' as const), label: `label of ${spec}`, fsHz: 100 };
    const ch = new FakeChannel(id, spec, info, this);
    ch.view = view;
    this.chans.push(ch);
    return ch;
  }
  async disconnect(id: string): Promise<void> {
    const i = this.chans.findIndex((c) => c.id === id);
    if (i >= 0) this.chans.splice(i, 1);
  }
  async disconnectAll(): Promise<void> {
    this.chans.length = 0;
  }
  setPacer(p: PacerSchedule | null): void {
    this.pacers.push(p);
  }
  async listSensors(): Promise<unknown> {
    return { serial: [{ spec: 'serial:/dev/ttyUSB0?protocol=cms50-9', path: '/dev/ttyUSB0', guess: { protocol: 'cms50-9', reason: 'CP210x' } }], ble: [], sim: [{ spec: 'sim', label: 'Simulator' }], messages: ['no udevadm'] };
  }
}

/** Records what the app asks; writes a real session row so the lists work. */
export class FakeRecorder implements AppRecorder {
  readonly markers: [number, string, string | undefined][] = [];
  readonly pacerChanges: [PacerSettings, number][] = [];
  stopped: string | null = null;
  private row: SessionRow | null = null;

  constructor(
    private readonly storage: Storage,
    readonly opts: AppRecorderOptions,
    private readonly offsetSec: number,
  ) {}

  get sessionId(): number {
    return this.row!.id;
  }
  get elapsedSec(): number {
    return 0;
  }
  get clockOffsetSec(): number {
    return this.offsetSec;
  }
  start(): SessionRow {
    this.row = this.storage.sessions.create({ clientId: this.opts.clientId, type: this.opts.type, sensorSpec: 'sim', pacer: this.opts.pacer as never, groupId: this.opts.groupId ?? null, courseId: this.opts.courseId ?? null });
    return this.row;
  }
  addMarker(tSec: number, kind: string, note?: string): void {
    this.markers.push([tSec, kind, note]);
  }
  changePacer(settings: PacerSettings, tSec: number): void {
    this.pacerChanges.push([settings, tSec]);
  }
  async stop(status: 'complete' | 'interrupted' = 'complete'): Promise<SessionSummary> {
    this.stopped = status;
    const s = { ...emptySummary('test'), meanHrBpm: 66, coherenceMean: 2.5 };
    this.storage.sessions.setStatus(this.sessionId, status);
    this.storage.sessions.setSummary(this.sessionId, s as never);
    return s;
  }
}

/** An AppService on a real SQLite file in a temp folder, with the fakes above and an event log. */
export interface TestApp {
  dir: string;
  storage: Storage;
  devices: FakeDevices;
  recorders: FakeRecorder[];
  service: AppService;
  events: [EventName, unknown][];
  close(): Promise<void>;
}

export function createTestApp(batchHz: number, extra: Partial<AppServiceOptions> = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-app-'));
  const storage = openStorage(join(dir, 'db.sqlite'));
  const devices = new FakeDevices();
  const recorders: FakeRecorder[] = [];
  const service = new AppService({
    storage,
    devices,
    settings: new SettingsStore(null),
    info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
    createRecorder: (o) => {
      const r = new FakeRecorder(storage, o, devices.clockSec);
      recorders.push(r);
      return r;
    },
    batchHz,
    ...extra,
  }).start();
  const events: [EventName, unknown][] = [];
  service.addSink((name, payload) => events.push([name, payload]));
  return {
    dir,
    storage,
    devices,
    recorders,
    service,
    events,
    async close() {
      await service.close();
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
