/**
 * `createAppCore` — everything behind one app window set or one web host: the database (with
 * start-up recovery of interrupted sessions), the analysis worker, the device manager, the UI
 * settings file and the `AppService` on top. `close()` ends a running session, disconnects the
 * sensors and closes the database.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppInfo, ClientDisplayTarget } from '../../shared/ipc/apiTypes.js';
import { AnalysisHost } from '../analysis/AnalysisHost.js';
import { DeviceManager } from '../devices/DeviceManager.js';
import { SessionRecorder } from '../sessions/SessionRecorder.js';
import { CLI_STALE_AFTER_SEC, recoverOnStartup } from '../sessions/startup.js';
import { openStorage, type Storage } from '../storage/storage.js';
import type { PrintToPdf } from '../reports/printToPdf.js';
import { AppService } from './AppService.js';
import { inlineHeavyWork, workerHeavyWork } from './heavyWork.js';
import { SettingsStore } from './SettingsStore.js';

export const APP_VERSION = '0.1.0';

export interface AppCoreOptions {
  dbPath: string;
  host: AppInfo['host'];
  /** Sensor to connect at start (e.g. 'sim'), or null. */
  sensorSpec: string | null;
  openClientDisplay?: () => ClientDisplayTarget | Promise<ClientDisplayTarget>;
  /** Options of the sensor listing (tests: no BLE scan). */
  bleScanMs?: number;
  /** How report PDFs are printed (the desktop app: Electron's printToPDF; default: headless Chromium). */
  printToPdf?: PrintToPdf;
  /** Start-up recovery takes sessions without a write for this long as interrupted, s (default `CLI_STALE_AFTER_SEC`). */
  staleAfterSec?: number;
  /** The main side's file dialog for a replay file (Electron); absent in the web host and the CLI. */
  chooseReplayFile?: () => Promise<string | null>;
  /** Where RR analysis, reports and exports run: a worker thread (default) or the main thread (benchmarks). */
  heavyWork?: 'worker' | 'inline';
}

export interface AppCore {
  service: AppService;
  storage: Storage;
  devices: DeviceManager;
  /** Message when the start-up sensor could not be connected (the app runs without it). */
  sensorError: string | null;
  close(): Promise<void>;
}

export async function createAppCore(o: AppCoreOptions): Promise<AppCore> {
  mkdirSync(dirname(o.dbPath), { recursive: true });
  const storage = openStorage(o.dbPath);
  // Only sessions nobody writes to any more are interrupted: another process may be recording.
  recoverOnStartup(storage, { staleAfterSec: o.staleAfterSec ?? CLI_STALE_AFTER_SEC });
  const analysis = new AnalysisHost({ onRestart: (reason, detail) => console.error(`cadans: the analysis worker ${reason} (${detail}); restarted`) });
  const devices = new DeviceManager({ analysis, listOptions: { bleScanMs: o.bleScanMs ?? 3000 } });
  // Heavy calls (RR analysis, reports, exports) off the main thread: the live stream keeps flowing.
  const heavyWork = o.heavyWork === 'inline' || o.dbPath === ':memory:' ? inlineHeavyWork(storage) : workerHeavyWork(o.dbPath, storage);
  const service = new AppService({
    storage,
    devices,
    settings: new SettingsStore(o.dbPath + '.settings.json'),
    info: { version: APP_VERSION, host: o.host, defaultSensorSpec: o.sensorSpec, dbPath: o.dbPath },
    createRecorder: (r) => {
      const ch = devices.channel(r.channel);
      if (!ch) throw new Error(`sensor channel '${r.channel}' is not connected`);
      return new SessionRecorder(storage, ch, { ...r, flushEveryMs: 500 });
    },
    openClientDisplay: o.openClientDisplay,
    heavyWork,
    ...(o.printToPdf ? { printToPdf: o.printToPdf } : {}),
    ...(o.chooseReplayFile ? { chooseReplayFile: o.chooseReplayFile } : {}),
  }).start();
  let sensorError: string | null = null;
  // The start-up sensor, by the id the service registered it under (a replay file's is opaque).
  const startSpec = service.getAppInfo().defaultSensorSpec;
  if (startSpec) {
    try {
      await service.connectSensor(startSpec);
    } catch (e) {
      sensorError = e instanceof Error ? e.message : String(e);
    }
  }
  let closed = false;
  return {
    service,
    storage,
    devices,
    sensorError,
    async close() {
      if (closed) return;
      closed = true;
      await service.close();
      await devices.close();
      await analysis.terminate();
      await heavyWork.close();
      storage.close();
    },
  };
}
