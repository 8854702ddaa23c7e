/**
 * `createAppCore` — everything behind one app window set or one web host: the database (with
 * start-up recovery of interrupted sessions), the analysis worker, the device manager, the UI
 * settings file and the `AppService` on top. `close()` ends a running session, disconnects the
 * sensors and closes the database.
 */
import { dirname, resolve } from 'node:path';
import type { AppInfo, ClientDisplayTarget } from '../../shared/ipc/apiTypes.js';
import { AnalysisHost } from '../analysis/AnalysisHost.js';
import { DeviceManager } from '../devices/DeviceManager.js';
import { SessionRecorder } from '../sessions/SessionRecorder.js';
import { CLI_STALE_AFTER_SEC, tryRecoverOnStartup } from '../sessions/startup.js';
import { formatStorageNotice, type StorageNotice } from '../../shared/domain/storageNotices.js';
import { openStorage, type Storage } from '../storage/storage.js';
import {
  makePrivateDir,
  PRIVATE_DIR_MODE,
  removeStaleTemporaryCopies,
  tightenMode,
} from '../../native-adapters/sqlite/openDatabase.js';
import { looksEncrypted, passphraseOpens } from '../../native-adapters/sqlite/databaseKey.js';
import { userDataDir } from './paths.js';
import type { PrintToPdf } from '../reports/printToPdf.js';
import { AppService } from './AppService.js';
import { inlineHeavyWork, workerHeavyWork } from './heavyWork.js';
import { applyPracticeSetting } from './practiceSetting.js';
import { SettingsStore } from './SettingsStore.js';
import { CadansError } from '../../shared/i18n/CadansError.js';

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
  /**
   * Start-up recovery: sessions WITHOUT a recording lock file (older versions) are taken as
   * interrupted after this long without a write, s (default `CLI_STALE_AFTER_SEC`). Sessions with
   * one are decided by their lock (see main/sessions/startup.ts).
   */
  staleAfterSec?: number;
  /** The main side's file dialog for a replay file (Electron); absent in the web host and the CLI. */
  chooseReplayFile?: () => Promise<string | null>;
  /** Where RR analysis, reports and exports run: a worker thread (default) or the main thread (benchmarks). */
  heavyWork?: 'worker' | 'inline';
  /** A folder on another disk where a recording that cannot be saved (disk full) is saved at its end. */
  overflowDir?: string | null;
  /** Disk full, room again, saved elsewhere … during a recording (shared/domain/storageNotices.ts). */
  onStorageNotice?: (n: StorageNotice) => void;
  /** Start-up problems that do not stop the start (e.g. recovery postponed on a full disk), one sentence. */
  onStartupProblem?: (message: string) => void;
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
  // The data folder is the user's only (0700), whatever the umask; Cadans' own folder in the
  // user-data folder is tightened when an older version made it 0755.
  const dataDir = dirname(resolve(o.dbPath));
  makePrivateDir(dataDir);
  if (dataDir === resolve(userDataDir())) tightenMode(dataDir, PRIVATE_DIR_MODE);
  // Copies a killed backup or restore left next to the database (up to its size each).
  removeStaleTemporaryCopies(dirname(o.dbPath));
  const storage = openStorage(o.dbPath);
  // The practice database chosen in the app, unless CADANS_PRACTICE_DB is set (issue 17).
  const practiceSource = applyPracticeSetting(o.dbPath);
  // Only sessions whose recorder is gone are interrupted: another process may be recording.
  let recovery;
  try {
    recovery = tryRecoverOnStartup(storage, { staleAfterSec: o.staleAfterSec ?? CLI_STALE_AFTER_SEC });
  } catch (e) {
    storage.close();
    throw e;
  }
  if (recovery.problem) (o.onStartupProblem ?? ((m: string) => console.error(`cadans: ${m}`)))(recovery.problem);
  const analysis = new AnalysisHost({ onRestart: (reason, detail) => console.error(`cadans: the analysis worker ${reason} (${detail}); restarted`) });
  const devices = new DeviceManager({ analysis, listOptions: { bleScanMs: o.bleScanMs ?? 3000 } });
  // Heavy calls (RR analysis, reports, exports) off the main thread: the live stream keeps flowing.
  const heavyWork = o.heavyWork === 'inline' || o.dbPath === ':memory:' ? inlineHeavyWork(storage) : workerHeavyWork(o.dbPath, storage);
  const hostNotice = o.onStorageNotice ?? ((n: StorageNotice) => console.error(`cadans: ${formatStorageNotice(n, 'en')}`));
  const service = new AppService({
    storage,
    devices,
    settings: new SettingsStore(o.dbPath + '.settings.json'),
    practiceSource,
    info: { version: APP_VERSION, host: o.host, defaultSensorSpec: o.sensorSpec, dbPath: o.dbPath },
    createRecorder: (r) => {
      const ch = devices.channel(r.channel);
      if (!ch) throw new CadansError('sensor.notConnected', { channel: r.channel });
      return new SessionRecorder(storage, ch, {
        ...r,
        flushEveryMs: 500,
        overflowDir: o.overflowDir ?? null,
        // To the pages (the service's `onStorageNotice` event) and to the host (a dialog, the CLI's stderr).
        onStorage: (n) => {
          r.onStorageNotice?.(n);
          hostNotice(n);
        },
      });
    },
    openClientDisplay: o.openClientDisplay,
    heavyWork,
    // An encrypted database: unlocking the console asks for its passphrase again.
    ...(o.dbPath !== ':memory:' && looksEncrypted(o.dbPath) ? { verifyPassphrase: (p: string) => passphraseOpens(o.dbPath, p) } : {}),
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
