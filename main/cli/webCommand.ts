/**
 * `cadans web [--port N] [--sensor spec] [--db FILE]` — the Cadans UI in an ordinary browser:
 * serves the built renderer and the API contract over a WebSocket on 127.0.0.1 (see
 * main/web/webHost.ts). The FIRST line on stdout is the full URL to open, with the per-run
 * token in its fragment (`http://127.0.0.1:PORT/#token=…`: the page takes it into memory and
 * cleans the address bar; no cookie); `--port 0` (the default) picks a free port. Runs until Ctrl-C / SIGTERM, then ends a
 * running session cleanly and closes the database.
 */
import { showText } from '../../shared/text/safeText.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../app/appCore.js';
import { startWebHost, type WebHost } from '../web/webHost.js';
import { openSensor } from '../devices/openSensor.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';

const USAGE = 'cadans web [--port N] [--sensor <spec>] [--db FILE] [--ble-scan-ms N]';

/** The built renderer: build/renderer (from build/main/cli or from main/cli run by tsx). */
export function rendererDir(): string {
  const fromBuild = fileURLToPath(new URL('../../renderer/', import.meta.url));
  if (existsSync(fromBuild + 'app.js')) return fromBuild;
  return fileURLToPath(new URL('../../build/renderer/', import.meta.url));
}

export const webCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Serve the Cadans UI on 127.0.0.1 for a browser. Prints the URL to open (with its access token) as the first line. ' +
    '--port 0 picks a free port; --sensor connects a sensor at start (e.g. sim, sim:speed=10); --db chooses the database; ' +
    '--ble-scan-ms sets the Bluetooth scan time of the sensor list (0 = no scan).',
  options: {
    port: { type: 'string' },
    sensor: { type: 'string' },
    db: { type: 'string' },
    'ble-scan-ms': { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535 (got '${String(values.port)}')`, 2);
    const spec = typeof values.sensor === 'string' ? values.sensor.trim() : null;
    if (spec !== null) {
      const probe = openSensor(spec);
      if ('error' in probe) throw new CliError(probe.error, 2);
    }
    const bleScanMs = values['ble-scan-ms'] === undefined ? undefined : Number(values['ble-scan-ms']);
    if (bleScanMs !== undefined && !(bleScanMs >= 0)) throw new CliError('--ble-scan-ms must be ≥ 0', 2);
    const staticDir = rendererDir();
    if (!existsSync(staticDir + 'index.html')) throw new CliError('the renderer is not built — run `npm run build` first');
    const dbPath = resolveDbPath(values.db);

    let host: WebHost | null = null;
    let core;
    try {
      core = await createAppCore({
        dbPath,
        host: 'web',
        sensorSpec: spec,
        bleScanMs,
        openClientDisplay: () => ({ opened: false, url: host?.displayUrl ?? null }),
      });
    } catch (e) {
      // A database that cannot be used (encrypted without its passphrase, damaged, …): one line.
      throw toCliError(e);
    }
    try {
      host = await startWebHost({ service: core.service, staticDir, port });
    } catch (e) {
      await core.close();
      throw new CliError(`cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
    }
    process.stdout.write(host.url + '\n');
    process.stdout.write(
      `Cadans web host on 127.0.0.1:${host.port} — open the URL above in a browser; client display: ${host.displayUrl} . ` +
        `The page keeps the access token in memory only: after a reload, open the URL again. Database: ${dbPath}. Ctrl-C stops.\n`,
    );
    if (spec && core.sensorError) process.stderr.write(`cadans web: sensor '${showText(spec, 200)}' not connected: ${showText(core.sensorError, 300)}\n`);
    else if (spec && spec.startsWith('sim')) process.stdout.write('Sensor: SIMULATOR (demo signal, not a real measurement).\n');

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await host.close();
    await core.close();
    return 0;
  },
};
