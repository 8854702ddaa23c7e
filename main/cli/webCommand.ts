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
import { cliError, cliIssues } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';


/** The built renderer: build/renderer (from build/main/cli or from main/cli run by tsx). */
export function rendererDir(): string {
  const fromBuild = fileURLToPath(new URL('../../renderer/', import.meta.url));
  if (existsSync(fromBuild + 'app.js')) return fromBuild;
  return fileURLToPath(new URL('../../build/renderer/', import.meta.url));
}

export const webCommand: CliCommand = {
  options: {
    port: { type: 'string' },
    sensor: { type: 'string' },
    db: { type: 'string' },
    'ble-scan-ms': { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('web') }, 2);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw cliError('web.port', { got: String(values.port) }, 2);
    const spec = typeof values.sensor === 'string' ? values.sensor.trim() : null;
    if (spec !== null) {
      const probe = openSensor(spec);
      if ('error' in probe) throw cliIssues([probe.issue], probe.error, 2);
    }
    const bleScanMs = values['ble-scan-ms'] === undefined ? undefined : Number(values['ble-scan-ms']);
    if (bleScanMs !== undefined && !(bleScanMs >= 0)) throw cliError('web.bleScan', {}, 2);
    const staticDir = rendererDir();
    if (!existsSync(staticDir + 'index.html')) throw cliError('web.notBuilt');
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
      throw cliError('web.listen', { port: String(port), detail: (e as Error).message });
    }
    process.stdout.write(host.url + '\n');
    const locale = cliLocale();
    process.stdout.write(cliText(locale, 'web.started', { port: String(host.port), display: host.displayUrl, db: dbPath }) + '\n');
    if (spec && core.sensorError) process.stderr.write(`cadans web: ${cliText(locale, 'web.sensorNotConnected', { spec: showText(spec, 200), detail: showText(core.sensorError, 300) })}\n`);
    else if (spec && spec.startsWith('sim')) process.stdout.write(cliText(locale, 'web.simulator') + '\n');

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await host.close();
    await core.close();
    return 0;
  },
};
