/**
 * `clientSummaryText` — the plain-language summary for the client as paragraphs, from the facts of
 * `clientSummaryFacts` (already formatted) and the report catalogue's `summary.*` sentences.
 */
import type { MessageParams } from '../i18n/messageFormat.js';
import { MOSTLY_SCORED_PCT } from './clientSummary.js';
import type { ClientSummaryFacts } from './reportMessages.js';
import type { ReportTextKey } from './reportTexts.nl.js';

type T = (key: ReportTextKey, params?: MessageParams) => string;

export function clientSummaryText(t: T, f: ClientSummaryFacts): string[] {
  const out: string[] = [];
  out.push(f.meanHr !== null ? t('summary.introHr', { duration: f.duration, meanHr: f.meanHr }) : t('summary.intro', { duration: f.duration }));
  if (f.pacerRate !== null) {
    let s = t('summary.pacer', { rate: f.pacerRate });
    if (f.breathingRate !== null) s += ' ' + t('summary.breathingWithPacer', { rate: f.breathingRate, close: f.breathingMatchesPacer ? 'yes' : 'no' });
    out.push(s);
  } else if (f.breathingRate !== null) {
    out.push(t('summary.breathing', { rate: f.breathingRate }));
  }
  if (f.scoredSpoken !== null && f.coherentShare !== null) {
    // Only the scored time: how much of the session that was, then the time per level within it.
    out.push(t('summary.scored', { session: f.sessionSpoken, scored: f.scoredSpoken }));
    const part = (key: ReportTextKey, duration: string | null, pct: string | null): string | null => (duration === null ? null : t(key, { duration, pct: pct || 'none' }));
    const parts = [part('summary.partHigh', f.highSpoken, f.highPct), part('summary.partMedium', f.mediumSpoken, f.mediumPct)].filter((x): x is string => x !== null);
    if (parts.length === 0) out.push(t('summary.lowOnly', { scored: f.scoredSpoken }));
    else out.push(t('summary.inLevels', { scored: f.scoredSpoken, first: parts[0], second: parts[1] ?? 'none' }));
    // Mostly not scored: say so, and draw no conclusion about the session.
    if (f.scoredSharePct < MOSTLY_SCORED_PCT) out.push(t('summary.mostlyNotScored'));
    else if (f.coherentShare >= 50) out.push(t('summary.coherentMuch'));
    else if (f.coherentShare >= 20) out.push(t('summary.coherentSometimes'));
    else out.push(t('summary.coherentBrief'));
  } else {
    out.push(t('summary.notScored'));
  }
  if (f.signalQualityLow && f.signalQuality !== null) out.push(t('summary.disturbed', { quality: f.signalQuality }));
  if (f.anyWithheld) out.push(t('summary.withheld'));
  out.push(t('summary.disclaimer'));
  return out;
}
