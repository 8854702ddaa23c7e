import { safeJson, safeLines } from '../../shared/text/safeText.js';
import { listSensors, type SensorListing } from '../devices/listSensors.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';

const USAGE = 'cadans sensors [--json] [--ble-seconds <s>]';

/**
 * `cadans sensors`: what can be connected — serial ports, Bluetooth heart-rate sensors (a short
 * scan) and the simulator, each with the spec for `--sensor`. With --json: exactly one object
 * `{ "serial": [{ path, manufacturer?, vendorId?, productId?, guess?: { protocol, reason }, spec }],
 *    "ble": [{ id, name, rssi, spec }], "sim": [{ spec, label }], "messages": [string] }`;
 * `messages` says why a list is empty (no udevadm, no Bluetooth, …). Always exits 0 when it
 * could look, whatever it found.
 */
export const sensorsCommand: CliCommand = {
  usage: USAGE,
  summary:
    'List the sensors that can be connected (serial ports, Bluetooth heart-rate sensors, the simulator) with the ' +
    'spec to pass to --sensor. --ble-seconds sets the Bluetooth scan time (default 3, 0 = no scan). With --json, ' +
    'prints exactly one object: { "serial": [{ path, manufacturer?, vendorId?, productId?, guess?: { protocol, reason }, spec }], ' +
    '"ble": [{ id, name, rssi, spec }], "sim": [{ spec, label }], "messages": [why a list is empty or incomplete] }.',
  options: {
    json: { type: 'boolean', default: false },
    'ble-seconds': { type: 'string', default: '3' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
    const scan = Number(values['ble-seconds']);
    if (!Number.isFinite(scan) || scan < 0 || scan > 60) throw new CliError(`--ble-seconds must be 0..60 (got '${values['ble-seconds']}')`, 2);
    const listing = await listSensors({ bleScanMs: Math.round(scan * 1000) });
    // Names come from the radio and from USB descriptors: no control character reaches the terminal.
    process.stdout.write(values.json ? safeJson(listing) + '\n' : safeLines(formatListing(listing)));
    // A loaded noble can keep its HCI socket open after the scan: do not let it hold the CLI open.
    const nobleLoaded = scan > 0 && !listing.messages.some((m) => /cannot load @abandonware\/noble/.test(m));
    if (nobleLoaded) setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};

/** The human-readable listing printed without --json. */
export function formatListing(l: SensorListing): string {
  const lines: string[] = ['Serial ports:'];
  if (l.serial.length === 0) lines.push('  (none found)');
  for (const p of l.serial) {
    const who = [p.manufacturer, p.guess ? `probably ${p.guess.reason}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${p.path}${who ? `  (${who})` : ''}`, `      --sensor '${p.spec}'`);
  }
  lines.push('Bluetooth heart-rate sensors:');
  if (l.ble.length === 0) lines.push('  (none found)');
  for (const d of l.ble) lines.push(`  ${d.name || '(no name)'}  ${d.id}  RSSI ${d.rssi} dBm`, `      --sensor '${d.spec}'`);
  lines.push('Simulator:');
  for (const s of l.sim) lines.push(`  ${s.label}`, `      --sensor '${s.spec}'`);
  lines.push(`File replay:`, `  a PPG CSV or RR text played back as a live sensor`, `      --sensor 'file:<path>?speed=1'`);
  if (l.messages.length) {
    lines.push('Notes:');
    for (const m of l.messages) lines.push(`  ${m}`);
  }
  return lines.join('\n') + '\n';
}
