/**
 * The home-practice settings as one short, human-readable text (the handout's QR code):
 * `cadans-pacer:v1?rate=6&ratio=4:6&holdIn=0&holdOut=0&min=10&perDay=2`. A phone's QR reader
 * shows it as it is, so the client (or a pacer app) can read the settings without Cadans.
 */
import type { PrescriptionSettings } from '../domain/prescription.js';

export const PACER_LINK_PREFIX = 'cadans-pacer:v1?';

export type PacerLinkSettings = Pick<PrescriptionSettings, 'rateBpm' | 'ratio' | 'holdInSec' | 'holdOutSec' | 'minutes' | 'timesPerDay'>;

/** Numbers without float noise (5.5, 0.25). */
const num = (n: number): string => String(Math.round(n * 1000) / 1000);

/** `pacerLinkText` — the settings as the QR text (see the file comment). */
export function pacerLinkText(p: PacerLinkSettings): string {
  return (
    `${PACER_LINK_PREFIX}rate=${num(p.rateBpm)}&ratio=${p.ratio}&holdIn=${num(p.holdInSec)}` +
    `&holdOut=${num(p.holdOutSec)}&min=${num(p.minutes)}&perDay=${p.timesPerDay}`
  );
}

/** `parsePacerLink` — the settings of a `cadans-pacer:v1?…` text, or null when it is not one. */
export function parsePacerLink(text: string): PacerLinkSettings | null {
  if (!text.startsWith(PACER_LINK_PREFIX)) return null;
  const fields = new Map<string, string>();
  for (const part of text.slice(PACER_LINK_PREFIX.length).split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const n = (k: string): number => {
    const v = fields.get(k);
    return v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  };
  const ratio = fields.get('ratio') ?? '';
  const out = { rateBpm: n('rate'), ratio, holdInSec: n('holdIn'), holdOutSec: n('holdOut'), minutes: n('min'), timesPerDay: n('perDay') };
  const ok = /^\d+(\.\d+)?:\d+(\.\d+)?$/.test(ratio) && [out.rateBpm, out.holdInSec, out.holdOutSec, out.minutes, out.timesPerDay].every(Number.isFinite);
  return ok ? out : null;
}
