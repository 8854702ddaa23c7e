// Small fakes of the device manager and the session recorder for the app-service tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import type { AppDevices, AppRecorder, AppRecorderOptions } from '../../../main/app/appPorts.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage } from '../../../main/storage/storage.js';
import type { EventName } from '../../../shared/ipc/contract.js';
import type { RecorderDeviceEvents, RecorderChannel } from '../../../main/sessions/recorderDevices.js';
import type { SessionSummary } from '../../../main/sessions/sessionSummary.js';
import { emptySummary } from '../../../main/sessions/sessionSummary.js';
import type { Storage } from '../../../main/storage/storage.js';
import type { SessionRow } from '../../../shared/domain/types.js';
import type { PacerSchedule } from '../../../shared/pacer/pacerSchedule.js';
import type { PacerSettings } from '../../../shared/pacer/pacerSettings.js';
import { TypedEmitter } from '../../../shared/sensors/typedEmitter.js';

export class FakeDevices implements AppDevices {
  readonly emitter = new TypedEmitter<RecorderDeviceEvents>();
  readonly chans: RecorderChannel[] = [];
  readonly pacers: (PacerSchedule | null)[] = [];
  clockSec = 0;

  on<E extends keyof RecorderDeviceEvents>(ev: E, fn: RecorderDeviceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }
  channels(): RecorderChannel[] {
    return this.chans.map((c) => ({ ...c }));
  }
  async connect(spec: string, channel = 'ch1') {
    if (spec.startsWith('bad')) throw new Error(`unknown sensor '${spec}'`);
    const info = { kind: spec.startsWith('sim') ? ('sim' as const) : ('serial' as const), label: `label of ${spec}`, fsHz: 100 };
    this.chans.push({ channel, spec, state: 'connected', info });
    this.emitter.emit('state', channel, 'connected');
    return { channel, info };
  }
  async disconnect(channel: string): Promise<void> {
    const i = this.chans.findIndex((c) => c.channel === channel);
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
  signalTimeSec(): number {
    return this.clockSec;
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
    this.row = this.storage.sessions.create({ clientId: this.opts.clientId, type: this.opts.type, sensorSpec: 'sim', pacer: this.opts.pacer as never });
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

export function createTestApp(batchHz: number): TestApp {
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
