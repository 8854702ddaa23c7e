/**
 * Stored sessions as the renderer sees them: `summaryView` (the numbers of the list and the
 * summary card, from the summary the recorder stored) and `reviewData` (everything the review
 * screen draws, as typed arrays so a long recording crosses IPC/WebSocket compactly).
 */
import type { JsonObject, SessionListItem } from '../../shared/domain/types.js';
import type { SessionReviewData, SessionSummaryView } from '../../shared/ipc/apiTypes.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import { validatePacerSettings } from '../../shared/pacer/pacerSettings.js';
import { timeInLevelOf } from '../../shared/report/timeInLevel.js';
import { hrvWithheldOf } from '../../shared/report/withheld.js';
import { storedSummary } from '../sessions/sessionSummary.js';
import type { Storage } from '../storage/storage.js';

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function pacerOf(json: JsonObject | null): PacerSettings | null {
  if (!json) return null;
  return validatePacerSettings(json).length === 0 ? (json as unknown as PacerSettings) : null;
}

/** `summaryView`: a stored session with its summary numbers (nulls where the summary has none). */
export function summaryView(s: SessionListItem, markerCount: number): SessionSummaryView {
  const sum = storedSummary(s.summary);
  // Over the whole session with "not scored" as its own share (older summaries converted).
  const levels = sum && sum.method !== 'none' ? timeInLevelOf(sum as unknown as Record<string, unknown>) : null;
  return {
    sessionId: s.id,
    clientId: s.clientId,
    type: s.type,
    groupId: s.groupId,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationSec: s.durationSec,
    sensorSpec: s.sensorSpec,
    pacer: pacerOf(s.pacer),
    beats: s.beats,
    meanHrBpm: num(sum?.meanHrBpm),
    rmssdMs: num(sum?.rmssdMs),
    sdnnMs: num(sum?.sdnnMs),
    lfHf: num(sum?.lfHf),
    coherenceMean: num(sum?.coherenceMean),
    coherenceLevelsPct: levels && levels.sessionSec > 0 ? levels.pct : null,
    coherenceScoredSec: levels ? levels.scoredSec : null,
    hrvWithheld: hrvWithheldOf(sum as unknown as Record<string, unknown> | null),
    respirationBpm: num(sum?.breathingRateBpm),
    artifactsPct: num(sum?.correctedPct),
    unusablePct: sum && num(sum.signalQualityPct) !== null ? Math.max(0, 100 - sum.signalQualityPct!) : null,
    markerCount,
    notes: s.notes,
    raw: s.summary,
  };
}

/** `reviewData`: the whole recording of a session. Throws `NotFoundError` for an unknown id. */
export function reviewData(storage: Storage, sessionId: number): SessionReviewData {
  const full = storage.sessions.getFull(sessionId);
  const n = full.beats.length;
  const tSec = new Float64Array(n);
  const ibiMs = new Float64Array(n);
  const quality = new Float32Array(n);
  full.beats.forEach((b, i) => {
    tSec[i] = b.tSec;
    ibiMs[i] = b.ibiMs ?? NaN;
    quality[i] = b.quality ?? NaN;
  });
  const metrics: SessionReviewData['metrics'] = {};
  for (const [name, series] of Object.entries(full.metrics)) {
    metrics[name] = {
      tSec: Float64Array.from(series.tSec),
      value: Float64Array.from(series.value, (v) => (v === null ? NaN : v)),
    };
  }
  return {
    summary: summaryView(full.session, full.markers.length),
    client: full.client,
    markers: full.markers,
    gaps: full.gaps,
    pacerChanges: full.pacerChanges,
    beats: { tSec, ibiMs, quality },
    metrics,
    ppg: full.signal.map((seg) => ({ t0Sec: seg.t0Sec, fsHz: seg.fsHz, values: seg.values })),
  };
}
