/**
 * `openCliCore` — the app core for a CLI command (`record`, `monitor`, `resonance`): the same
 * `createAppCore` as the Electron app and the web host, and an in-process API client built from
 * the contract (`createApiClient` over `dispatchInvoke`), so the CLI calls exactly what the
 * renderer calls. Without a database (`db: null`) the core works on a throw-away one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, dispatchInvoke, type CadansApi, type EventName, type PayloadOf } from '../../shared/ipc/contract.js';
import { createAppCore, type AppCore, type AppCoreOptions } from '../app/appCore.js';
import { toCliError } from './dbOpen.js';

export interface CliCore {
  core: AppCore;
  api: CadansApi;
  /** Subscribe to a core event (the same events a renderer gets). */
  on<K extends EventName>(name: K, fn: (payload: PayloadOf<K>) => void): () => void;
  close(): Promise<void>;
}

export interface CliCoreOptions extends Pick<AppCoreOptions, 'overflowDir' | 'onStorageNotice' | 'onStartupProblem'> {
  dbFile: string | null;
  bleScanMs?: number;
}

export async function openCliCore(o: CliCoreOptions): Promise<CliCore> {
  const tmp = o.dbFile === null ? mkdtempSync(join(tmpdir(), 'cadans-cli-')) : null;
  let core: AppCore;
  try {
    core = await createAppCore({
      dbPath: o.dbFile ?? join(tmp!, 'cadans.sqlite'),
      host: 'cli',
      sensorSpec: null,
      bleScanMs: o.bleScanMs ?? 0,
      overflowDir: o.overflowDir,
      onStorageNotice: o.onStorageNotice,
      onStartupProblem: o.onStartupProblem,
    });
  } catch (e) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    throw toCliError(e);
  }
  const service = core.service;
  const api = createApiClient({
    // The CLI's sensor is what its user typed in their own shell (`--sensor file:…` included): it is
    // registered from this trusted side and connected by the id that gives (see main/app/sensorAccess.ts);
    // so are a group session's further sensors (`addSensor`).
    invoke: (name, args) =>
      dispatchInvoke(
        service,
        name,
        (name === 'connectSensor' || name === 'addSensor') && typeof args[0] === 'string' ? [service.sensors.registerSensor(args[0]).spec] : args,
      ),
    subscribe: (name, listener) => service.addSink((n, payload) => n === name && listener(payload)),
  });
  let closed = false;
  return {
    core,
    api,
    on: (name, fn) => (api[name] as unknown as (l: typeof fn) => () => void)(fn),
    async close() {
      if (closed) return;
      closed = true;
      await core.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}
