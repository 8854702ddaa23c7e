import { existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkPrescription } from '../../shared/domain/prescription.js';
import { showText } from '../../shared/text/safeText.js';
import { ReportError } from '../reports/reportError.js';
import { checkOutputFolder, writePrescriptionFiles } from '../reports/prescriptionFiles.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { CliError, cliError, cliErrorOf } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';
import { oneClient } from './recordsClient.js';


const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * `cadans prescribe` — store a home-practice prescription for a client and write `handout.pdf` (one
 * A4 page in --lang) and `pacer.wav` (the audio pacer) into --out. Everything is checked before
 * anything is written: bad arguments, an unknown client or an occupied folder store nothing; when
 * the files cannot be written the prescription is not stored, and when it cannot be stored the
 * files are removed again.
 */
export const prescribeCommand: CliCommand = {
  langIsDocument: true,
  options: {
    client: { type: 'string' },
    rate: { type: 'string' },
    ratio: { type: 'string' },
    'hold-in': { type: 'string' },
    'hold-out': { type: 'string' },
    minutes: { type: 'string' },
    'times-per-day': { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string', default: 'nl' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    // --lang is the handout's language; the messages follow CADANS_LANG (or a Dutch system locale).
    const locale = cliLocale();
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: showText(positionals[0]!, 40), usage: usageOf('prescribe') }, 2);
    for (const key of ['client', 'rate', 'minutes', 'out'] as const) {
      if (typeof values[key] !== 'string' || values[key].trim() === '') throw cliError('cli.required', { option: key, usage: usageOf('prescribe') }, 2);
    }
    const checked = checkPrescription(
      {
        rateBpm: values.rate,
        ratio: values.ratio,
        holdInSec: values['hold-in'],
        holdOutSec: values['hold-out'],
        minutes: values.minutes,
        timesPerDay: values['times-per-day'],
        lang: values.lang,
      },
      locale,
    );
    // The problems are already worded in the CLI's language.
    if (!checked.ok) throw new CliError(checked.errors.join('; '), 2);
    const p = checked.value;
    const dir = resolve(String(values.out));
    const file = resolveDbPath(values.db);
    if (!existsSync(file)) throw cliError('cli.noDatabase', { file: showText(file, 200) });
    let storage: Storage;
    try {
      checkOutputFolder(dir);
      storage = openStorage(file, { mustExist: true });
    } catch (e) {
      if (e instanceof ReportError) throw cliErrorOf(e, oneLine(e.message));
      throw toCliError(e);
    }
    try {
      const client = oneClient(storage, String(values.client));
      const files = await writePrescriptionFiles(storage, client.id, p, dir);
      let id: number;
      try {
        id = storage.prescriptions.create({ ...p, clientId: client.id }).id;
      } catch (e) {
        for (const f of [files.handout, files.audio]) unlinkSync(f);
        throw e;
      }
      storage.accessLog.append({ action: 'create', clientId: client.id, detail: `cadans prescribe ${id} (handout ${p.lang}, audio)` });
      if (values.json === true) process.stdout.write(JSON.stringify({ prescriptionId: id, files }) + '\n');
      else process.stdout.write(cliText(locale, 'prescribe.done', { id: String(id), client: showText(client.name, 80), handout: showText(files.handout, 300), audio: showText(files.audio, 300) }) + '\n');
    } catch (e) {
      if (e instanceof ReportError) throw cliErrorOf(e, oneLine(e.message));
      throw toCliError(e);
    } finally {
      storage.close();
    }
    return 0;
  },
};
