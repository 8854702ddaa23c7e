/**
 * The figures of the group summary report (issue 14), a pure function of the group's stored data:
 * per participant the time in medium and high coherence (seconds and share of their own recording),
 * mean heart rate and signal-quality share — every number the participant's own session analysis
 * (`SessionMetrics`, the same figures as their session and progress reports) — and the group's
 * date, pacer and duration. Participants are labelled "Deelnemer 1…" in start order unless the
 * therapist's version with names is asked for; the anonymised input carries no names at all.
 */
import type { IsoDateTime, SessionStatus } from '../domain/types.js';
import type { CoherenceSessionTimes, SessionMetrics } from '../dsp/sessionMetrics.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';

export interface GroupMemberInput {
  sessionId: number;
  clientId: number;
  /** The client's name — only in the therapist's version (null: anonymised). */
  name: string | null;
  status: SessionStatus;
  /** Span of the member's stored signal, s. */
  durationSec: number;
  /** Key figures of the member's offline analysis, or null with `error`. */
  metrics: SessionMetrics | null;
  error?: string | null;
}

export interface GroupReportInput {
  group: {
    id: number;
    startedAt: IsoDateTime;
    endedAt: IsoDateTime | null;
    /** The shared pacer at the start (null: none). */
    pacer: PacerSettings | null;
    /** Later changes of the shared pacer (the first participant's session clock), s. */
    pacerChanges: { tSec: number; settings: PacerSettings }[];
    /** The group's notes — only in the therapist's version ('' otherwise). */
    notes: string;
  };
  /** The participants in start order (session id order). */
  members: GroupMemberInput[];
  /** Whether this is the therapist's version with names. */
  names: boolean;
  generatedAt: IsoDateTime;
}

export interface GroupMemberFigures {
  /** 1-based position in start order ("Deelnemer n"). */
  n: number;
  sessionId: number;
  /** Full name in the therapist's version, else null. */
  name: string | null;
  clientId: number;
  status: SessionStatus;
  durationSec: number;
  /** Whether the member's recording could be analysed (else the figures below are null). */
  analysed: boolean;
  error: string | null;
  mediumSec: number | null;
  highSec: number | null;
  /** Shares of the member's own analysed recording, %. */
  mediumPct: number | null;
  highPct: number | null;
  /** Medium + high, % of the recording (two decimals). */
  coherentPct: number | null;
  meanHrBpm: number | null;
  signalQualityPct: number | null;
  /** All four levels (s and % of the recording), for the bar chart; null without analysis. */
  levels: { sec: CoherenceSessionTimes; pct: CoherenceSessionTimes } | null;
}

export interface GroupFigures {
  /** The longest member recording, s (the group's length as recorded). */
  durationSec: number;
  members: GroupMemberFigures[];
  /** Mean over the analysed members of their medium + high share, % (null: none analysed). */
  groupCoherentPct: number | null;
  analysedCount: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** `groupFigures` — see the file comment. Never throws on data. */
export function groupFigures(input: GroupReportInput): GroupFigures {
  const members = input.members.map((m, i): GroupMemberFigures => {
    const mt = m.metrics;
    const base = { n: i + 1, sessionId: m.sessionId, name: input.names ? m.name : null, clientId: m.clientId, status: m.status, durationSec: m.durationSec };
    if (!mt) {
      return { ...base, analysed: false, error: m.error ?? null, mediumSec: null, highSec: null, mediumPct: null, highPct: null, coherentPct: null, meanHrBpm: null, signalQualityPct: null, levels: null };
    }
    return {
      ...base,
      analysed: true,
      error: null,
      mediumSec: mt.coherenceSec.medium,
      highSec: mt.coherenceSec.high,
      mediumPct: mt.coherencePct.medium,
      highPct: mt.coherencePct.high,
      coherentPct: round2(mt.coherencePct.medium + mt.coherencePct.high),
      meanHrBpm: mt.meanHrBpm,
      signalQualityPct: mt.signalQualityPct,
      levels: { sec: { ...mt.coherenceSec }, pct: { ...mt.coherencePct } },
    };
  });
  const analysed = members.filter((m) => m.coherentPct !== null);
  return {
    durationSec: Math.max(0, ...input.members.map((m) => m.durationSec)),
    members,
    groupCoherentPct: analysed.length ? round2(analysed.reduce((a, m) => a + m.coherentPct!, 0) / analysed.length) : null,
    analysedCount: analysed.length,
  };
}
