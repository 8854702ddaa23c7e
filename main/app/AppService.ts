/**
 * `AppService` — the app core behind the API contract (shared/ipc/contract.ts), one instance per
 * app, web host or CLI command. It is composed of one part per area, each implementing its share
 * of the contract's calls:
 *
 * - `AppCalls` — app info, UI settings, the client display;
 * - `RecordCalls` — clients, saved sessions, the clinical record, exports, reports, RR imports;
 * - `SensorCalls` — sensors and their live views (the batched live stream);
 * - `SessionCalls` — the live session and the pacer;
 * - `ResonanceService` — the resonance assessment (a session it owns; hears of its end);
 * - `RunSessionCalls` — the live run session (a 'run' session on the interval timer);
 * - `RecordEditCalls` — corrections of the record (edits, deletes, a session's notes) with history;
 * - `AuditCalls` — the record's access log (paged, checked, exported) and change history;
 * - `LockCalls` — the console lock (records refused while locked: `guardLocked`);
 * - `PracticeCalls` — practice mode: the practice database's state and sync (issue 17).
 *
 * `composeService` binds every contract call to the one part that implements it (checked at
 * compile time and at start-up), so the Electron IPC handlers, the web host and the CLI all call
 * the same methods. Events reach every registered renderer through the `EventHub`; changes of
 * the records database (also by another process) go out as `onRecordsChanged` (`RecordsWatcher`),
 * and a recording's storage notices (disk full, saved after all …) as `onStorageNotice`.
 */
import { INVOKE_NAMES, type CadansService, type EventSink, type InvokeName } from '../../shared/ipc/contract.js';
import type { AppInfo, ClientDisplayTarget } from '../../shared/ipc/apiTypes.js';
import { LIVE_BATCH_HZ } from '../../shared/ipc/liveTypes.js';
import { chromiumPrintToPdf, type PrintToPdf } from '../reports/printToPdf.js';
import { RecordsWatcher } from '../storage/recordsWatcher.js';
import type { Storage } from '../storage/storage.js';
import { AppCalls } from './appCalls.js';
import { AuditCalls } from './auditCalls.js';
import { ClientSensorCalls } from './clientSensorCalls.js';
import type { AppDevices, AppRecorder, AppRecorderOptions } from './appPorts.js';
import { EventHub } from './eventHub.js';
import { inlineHeavyWork, type HeavyWork } from './heavyWork.js';
import { guardLocked, LockCalls } from './lockCalls.js';
import { RecordCalls } from './recordCalls.js';
import { PrescriptionCalls } from './prescriptionCalls.js';
import { PracticeCalls, practiceOptionsFromEnv, type PracticeCallsOptions } from './practiceCalls.js';
import { RunProgrammeCalls } from './runProgrammeCalls.js';
import { RunSessionCalls } from './runSessionCalls.js';
import { RecordEditCalls } from './recordEditCalls.js';
import { ResonanceService } from './resonanceService.js';
import { SensorCalls } from './sensorCalls.js';
import { SessionCalls } from './sessionCalls.js';
import type { SettingsStore } from './SettingsStore.js';
import type { PracticeDbSource } from './practiceSetting.js';

export interface AppServiceOptions {
  storage: Storage;
  devices: AppDevices;
  settings: SettingsStore;
  info: AppInfo;
  createRecorder: (opts: AppRecorderOptions) => AppRecorder;
  /** Opens the client display (Electron: a window; web: returns the URL). */
  openClientDisplay?: () => ClientDisplayTarget | Promise<ClientDisplayTarget>;
  /** Live batches per second (default 25). */
  batchHz?: number;
  /** Wall clock, ms since epoch. */
  nowMs?: () => number;
  /** Prints report HTML to PDF (default: headless Chromium; the desktop app passes `electronPrintToPdf`). */
  printToPdf?: PrintToPdf;
  /** The main side's file dialog for a replay file (Electron); absent in the web host and the CLI. */
  chooseReplayFile?: () => Promise<string | null>;
  /** Runs RR analysis, reports and exports (default: on the main thread; the app core passes a worker). */
  heavyWork?: HeavyWork;
  /** Checks the database passphrase for unlocking the console (encrypted databases). */
  verifyPassphrase?: (passphrase: string) => boolean;
  /** How often the records database is looked at for changes (`onRecordsChanged`), ms (default 1000). */
  recordsPollMs?: number;
  /** Practice mode (default: from CADANS_PRACTICE_DB and CADANS_PRACTICE_SYNC_SEC). */
  practice?: PracticeCallsOptions;
  /** Where CADANS_PRACTICE_DB came from (`applyPracticeSetting`; default: the environment when set). */
  practiceSource?: PracticeDbSource;
}

/** The public members of a part (an intersection of classes with private members of the same name would be `never`). */
type Public<T> = { [K in keyof T]: T[K] };
type Parts = Public<AppCalls> & Public<RecordCalls> & Public<PrescriptionCalls> & Public<RunProgrammeCalls> & Public<RunSessionCalls> & Public<RecordEditCalls> & Public<AuditCalls> & Public<SensorCalls> & Public<SessionCalls> & Public<ResonanceService> & Public<LockCalls> & Public<ClientSensorCalls> & Public<PracticeCalls>;
/** Compile-time check: the parts together implement every contract call with its signature. */
const covers: Pick<Parts, InvokeName> extends CadansService ? true : never = true;
void covers;

/** `composeService` — every contract call bound to the one part that has it (throws when none or several do). */
export function composeService(parts: readonly object[]): CadansService {
  const out: Record<string, unknown> = {};
  for (const name of INVOKE_NAMES) {
    const owners = parts.filter((p) => typeof (p as Record<string, unknown>)[name] === 'function');
    if (owners.length !== 1) throw new Error(`API call '${name}' is implemented by ${owners.length} parts of the app core`);
    const owner = owners[0] as Record<string, (...a: unknown[]) => unknown>;
    out[name] = owner[name]!.bind(owner);
  }
  return out as CadansService;
}

// The class gets the contract's calls at run time (composeService); this tells TypeScript so,
// with each call's own signature (the `covers` check above keeps them those of the contract).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AppService extends Pick<Parts, InvokeName> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppService {
  readonly hub = new EventHub();
  readonly app: AppCalls;
  readonly records: RecordCalls;
  readonly prescriptions: PrescriptionCalls;
  readonly runProgrammes: RunProgrammeCalls;
  readonly runSessions: RunSessionCalls;
  readonly edits: RecordEditCalls;
  readonly audit: AuditCalls;
  readonly sensors: SensorCalls;
  readonly sessions: SessionCalls;
  readonly resonance: ResonanceService;
  readonly lock: LockCalls;
  readonly clientSensors: ClientSensorCalls;
  readonly practice: PracticeCalls;
  private readonly host: AppServiceOptions['info']['host'];
  private timer: ReturnType<typeof setInterval> | null = null;
  private recordsTimer: ReturnType<typeof setInterval> | null = null;
  private readonly batchHz: number;
  private readonly watcher: RecordsWatcher;
  private readonly recordsPollMs: number;

  constructor(o: AppServiceOptions) {
    const nowMs = o.nowMs ?? Date.now;
    const startMs = nowMs();
    this.batchHz = o.batchHz ?? LIVE_BATCH_HZ;
    this.watcher = new RecordsWatcher(o.storage.db);
    this.recordsPollMs = o.recordsPollMs ?? 1000;
    this.sensors = new SensorCalls(o.devices, this.hub, {
      nowMs,
      wallSec: () => (nowMs() - startMs) / 1000,
      ...(o.chooseReplayFile ? { chooseReplayFile: o.chooseReplayFile } : {}),
    });
    // The start-up sensor comes from the host (CADANS_SENSOR, --sensor), not from a page: registered,
    // so pages see it (a replay file as an opaque id) and may connect it.
    const start = o.info.defaultSensorSpec;
    const info = start ? { ...o.info, defaultSensorSpec: this.sensors.registerSensor(start).spec } : o.info;
    const practice = o.practice ?? practiceOptionsFromEnv();
    this.app = new AppCalls(info, o.settings, this.hub, o.openClientDisplay, {
      url: practice.url,
      source: o.practiceSource !== undefined ? o.practiceSource : practice.url !== null ? 'env' : null,
    });
    this.records = new RecordCalls(
      o.storage,
      () => new Date(nowMs()),
      () => this.app.getLocale(),
      () => o.printToPdf ?? chromiumPrintToPdf(),
      o.heavyWork ?? inlineHeavyWork(o.storage),
    );
    this.prescriptions = new PrescriptionCalls(o.storage, () => new Date(nowMs()), () => this.app.getLocale(), () => o.printToPdf ?? chromiumPrintToPdf());
    this.edits = new RecordEditCalls(o.storage, () => new Date(nowMs()));
    this.runProgrammes = new RunProgrammeCalls(o.storage, () => new Date(nowMs()));
    this.audit = new AuditCalls(o.storage, () => this.app.getLocale());
    // Every recording's storage notices reach the pages too (the host's own handler still gets them).
    const createRecorder = (r: AppRecorderOptions): AppRecorder => o.createRecorder({ ...r, onStorageNotice: (n) => this.hub.emit('onStorageNotice', n) });
    this.sessions = new SessionCalls(o.storage, this.sensors, this.hub, createRecorder);
    this.sensors.pacerAt = (t) => this.sessions.pacer.snapshotAt(t);
    this.sensors.inUse = (ch) => this.sessions.usesChannel(ch);
    this.runSessions = new RunSessionCalls(o.storage, this.sessions, this.hub, () => new Date(nowMs()));
    this.resonance = new ResonanceService(o.storage, this.sessions, this.sensors, this.hub, () => this.app.getLocale());
    this.clientSensors = new ClientSensorCalls(o.storage);
    this.host = o.info.host;
    this.practice = new PracticeCalls(o.storage, this.hub, practice);
    this.lock = new LockCalls(o.settings, this.hub, {
      nowMs,
      busy: () => this.sessions.getSessionState().phase !== 'idle',
      auto: o.info.host !== 'cli',
      ...(o.verifyPassphrase ? { verifyPassphrase: o.verifyPassphrase } : {}),
    });
    // Every transport (Electron IPC, web host, CLI) calls through the lock.
    Object.assign(this, guardLocked(composeService([this.app, this.records, this.prescriptions, this.runProgrammes, this.runSessions, this.edits, this.audit, this.sensors, this.sessions, this.resonance, this.lock, this.clientSensors, this.practice]), this.lock));
  }

  /** Start the live stream (batches to every renderer) and the session housekeeping. */
  start(): this {
    this.timer = setInterval(() => this.tick(), 1000 / this.batchHz);
    this.timer.unref?.();
    this.recordsTimer = setInterval(() => this.pollRecords(), this.recordsPollMs);
    this.recordsTimer.unref?.();
    // A CLI command syncs by itself (main/cli/practiceAutoSync.ts).
    if (this.host !== 'cli') this.practice.start();
    return this;
  }

  /** The records change feed: one `onRecordsChanged` when the database changed (see `RecordsWatcher`). */
  pollRecords(): void {
    let change;
    try {
      change = this.watcher.poll();
    } catch {
      return; // a busy or closing database: looked at again next time
    }
    if (change) this.hub.emit('onRecordsChanged', change);
    // Practice mode: the waiting count (a recording fills the outbox without a records change).
    try {
      this.practice.refresh();
    } catch {
      // a busy or closing database: counted again next time
    }
  }

  /** Register a renderer; returns the function that unregisters it. */
  addSink(sink: EventSink): () => void {
    return this.hub.addSink(sink);
  }

  /** Stop the live session (kept as 'interrupted' when it cannot complete), disconnect sensors, stop timers. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.recordsTimer) clearInterval(this.recordsTimer);
    this.timer = null;
    this.recordsTimer = null;
    await this.practice.close();
    if (this.sessions.getSessionState().phase !== 'idle') await this.sessions.stopSession().catch(() => undefined);
    this.sessions.pacer.stop();
    await this.sensors.close();
    this.hub.clear();
  }

  private tick(): void {
    this.sensors.tick();
    this.resonance.tick(); // a resonance run ends itself after its last step
    this.sessions.tick();
    this.runSessions.tick(); // the run timer's cues on the session clock
    this.lock.tick();
  }
}
