import { safeJson, safeLines } from '../../shared/text/safeText.js';
import { listSensors, type SensorListing } from '../devices/listSensors.js';
import { errorText } from '../../shared/i18n/CadansError.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { sessionText, simPresetText } from '../../shared/i18n/sessionTexts.js';
import { usbGuessText } from '../../shared/i18n/usbGuessText.js';
import { sensorNotices } from '../app/sensorViews.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf, type CliParams, type CliTextKey } from './cliText.js';
import type { CliCommand } from './cliMain.js';


/**
 * `cadans sensors`: what can be connected — serial ports, Bluetooth heart-rate sensors (a short
 * scan) and the simulator, each with the spec for `--sensor`. With --json: exactly one object
 * `{ "serial": [{ path, manufacturer?, vendorId?, productId?, guess?: { protocol, reason }, spec }],
 *    "ble": [{ id, name, rssi, spec }], "sim": [{ spec, label }], "messages": [string] }`;
 * `messages` says why a list is empty (no udevadm, no Bluetooth, …). Always exits 0 when it
 * could look, whatever it found.
 */
export const sensorsCommand: CliCommand = {
  options: {
    json: { type: 'boolean', default: false },
    'ble-seconds': { type: 'string', default: '3' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('sensors') }, 2);
    const scan = Number(values['ble-seconds']);
    if (!Number.isFinite(scan) || scan < 0 || scan > 60) throw cliError('sensors.bleSeconds', { got: String(values['ble-seconds']) }, 2);
    const listing = await listSensors({ bleScanMs: Math.round(scan * 1000) });
    // Names come from the radio and from USB descriptors: no control character reaches the terminal.
    process.stdout.write(values.json ? safeJson(listing) + '\n' : safeLines(formatListing(listing, cliLocale())));
    // A loaded noble can keep its HCI socket open after the scan: do not let it hold the CLI open.
    const nobleLoaded = scan > 0 && !listing.messages.some((m) => /cannot load @abandonware\/noble/.test(m));
    if (nobleLoaded) setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};

/** A simulator entry's label: the listing's own in English, the workstation's name for it in Dutch. */
function simLabel(locale: Locale, s: { spec: string; label: string }): string {
  if (locale === 'en') return s.label;
  return simPresetText(locale, s.spec) ?? (s.spec === 'sim' ? sessionText(locale, 'sensor.simulator') : s.label);
}

/** The human-readable listing printed without --json, in `locale` (the notes as the workstation words them). */
export function formatListing(l: SensorListing, locale: Locale = 'en'): string {
  const t = (key: CliTextKey, params?: CliParams): string => cliText(locale, key, params);
  const lines: string[] = [t('sensors.serial')];
  if (l.serial.length === 0) lines.push(t('sensors.noneFound'));
  for (const p of l.serial) {
    const who = [p.manufacturer, p.guess ? t('sensors.probably', { reason: usbGuessText(locale, p.guess.reason) }) : ''].filter(Boolean).join('; ');
    lines.push(`  ${p.path}${who ? `  (${who})` : ''}`, `      --sensor '${p.spec}'`);
  }
  lines.push(t('sensors.ble'));
  if (l.ble.length === 0) lines.push(t('sensors.noneFound'));
  for (const d of l.ble) lines.push(`  ${d.name || t('sensors.noName')}  ${d.id}  RSSI ${d.rssi} dBm`, `      --sensor '${d.spec}'`);
  lines.push(t('sensors.sim'));
  for (const s of l.sim) lines.push(`  ${simLabel(locale, s)}`, `      --sensor '${s.spec}'`);
  lines.push(t('sensors.file'), t('sensors.fileWhat'), `      --sensor 'file:<path>?speed=1'`);
  if (l.messages.length) {
    lines.push(t('sensors.notes'));
    // English in English (as listed); in Dutch as the workstation's sensor panel says them.
    const notes = locale === 'en' ? l.messages : sensorNotices(l.messages).map((n) => errorText(locale, n));
    for (const m of notes) lines.push(`  ${m}`);
  }
  return lines.join('\n') + '\n';
}
