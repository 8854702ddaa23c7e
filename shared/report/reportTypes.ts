/**
 * Input data of the reports: plain values that main/reports reads from storage (and the offline
 * analysis), so that rendering is a pure function of data → HTML string.
 */
import type { AnalysisResult } from '../dsp/types.js';
import type { ErrorCode, ErrorParams } from '../i18n/CadansError.js';
import type { RunsReportInput } from './runsSection.js';
import type { RunSessionReport } from './runSessionSection.js';
import type {
  Course,
  Goal,
  IsoDate,
  IsoDateTime,
  QuestionnaireEntry,
  RunningLogEntry,
  SessionStatus,
  SessionType,
} from '../domain/types.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';
import type { Prescription } from '../domain/prescription.js';
import type { ReportLang } from './reportMessages.js';
import type { SessionMetrics } from '../dsp/sessionMetrics.js';

export interface ReportClient {
  id: number;
  name: string;
  dateOfBirth?: IsoDate | null;
  complaint?: string | null;
  referralSource?: string | null;
}

/** The offline analysis of a session's stored data, or why there is none. */
export type SessionAnalysis =
  | {
      method: 'analyzePpg' | 'analyzeIntervals';
      result: AnalysisResult;
      /** Session-clock time of the analysis' t = 0 (time of the first stored sample), s. */
      timeOffsetSec: number;
    }
  /** `error`: the English sentence; `errorCode`/`errorParams`: the coded refusal, shown in the report's language. */
  | { method: 'none'; error: string; errorCode?: ErrorCode; errorParams?: ErrorParams };

export interface SessionReportInput {
  client: ReportClient;
  session: {
    id: number;
    type: SessionType;
    status: SessionStatus;
    startedAt: IsoDateTime;
    endedAt: IsoDateTime | null;
    sensorSpec: string;
    /** What the sensor said about itself (label / name), if anything. */
    sensorLabel?: string | null;
    fsHz: number | null;
    notes: string;
    /** Span of the stored signal (or beats), s. */
    durationSec: number;
    /** Start date of the treatment course the session belongs to, if any. */
    courseStartDate?: IsoDate | null;
    /** The group session it was part of (its id and how many took part; never who), if any. */
    group?: { id: number; participants: number } | null;
    /** An imported HeartMath session's own scores (kept beside Cadans' analysis), if any. */
    heartMath?: { meanCoherence: number | null; scores: number; accumulated: number | null } | null;
  };
  /** Pacer settings at the start (null: no pacer). */
  pacer: PacerSettings | null;
  /** Later changes, session clock. */
  pacerChanges: { tSec: number; settings: PacerSettings }[];
  markers: { tSec: number; kind: string; note: string }[];
  /** Stretches without signal recorded live (sensor off, dropped packets). */
  gaps: { startSec: number; endSec: number; reason: string }[];
  analysis: SessionAnalysis;
  /** A resonance session's stored assessment (summary key `resonance`, see resonanceSection.ts), if any. */
  resonance?: unknown;
  /** A run session's analysis and 1-Hz heart rate (issue 15), shown instead of the HRV analysis. */
  run?: RunSessionReport;
  generatedAt: IsoDateTime;
}

export interface ReportOptions {
  lang: ReportLang;
  /** IANA time zone for times of day (default: the system's). */
  timeZone?: string;
}

/** One session in a progress report. */
export interface ProgressSession {
  id: number;
  type: SessionType;
  startedAt: IsoDateTime;
  durationSec: number;
  courseId: number | null;
  /** Key figures of the offline analysis, or null with `error`. */
  metrics: SessionMetrics | null;
  error?: string | null;
}

export interface ProgressReportInput {
  client: ReportClient;
  /** The course the report is about (null: all of the client's records). */
  course: Course | null;
  /** All courses of the client (for the overview). */
  courses: Course[];
  sessions: ProgressSession[];
  questionnaires: QuestionnaireEntry[];
  goals: Goal[];
  runningLog: RunningLogEntry[];
  /** Home practice prescribed (all of the client's; absent = none). */
  prescriptions?: Prescription[];
  /** Runs ('run' sessions) and the run/walk programme (absent = none). */
  runs?: RunsReportInput;
  generatedAt: IsoDateTime;
}
