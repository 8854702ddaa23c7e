/**
 * The typed view of the reports' texts: every visible word of a report comes from the report
 * catalogue (reportTexts.{nl,en}.ts, ICU templates through shared/i18n), in Dutch (`nl`, the users'
 * language) and English (`en`). Parameterised messages are functions that take already formatted
 * numbers/dates (and counts for word forms), so word order stays natural in both languages.
 */
import type { HrvMetricKey } from '../dsp/hrvWithheld.js';
import type { CoherenceLevel } from '../dsp/types.js';
import type { GoalStatus, Instrument, SessionStatus, SessionType } from '../domain/types.js';
import { buildReportMessages } from './reportTexts.js';

export type ReportLang = 'nl' | 'en';
export const REPORT_LANGS: readonly ReportLang[] = ['nl', 'en'];

/** BCP 47 locale of each report language (numbers and dates through Intl). */
export const REPORT_LOCALES: Readonly<Record<ReportLang, string>> = { nl: 'nl-NL', en: 'en-GB' };

export function isReportLang(x: unknown): x is ReportLang {
  return x === 'nl' || x === 'en';
}

/** Numbers handed to the plain-language summary (already formatted). */
export interface ClientSummaryFacts {
  duration: string;
  /** The session's length in words ("2 min 7 s"). */
  sessionSpoken: string;
  meanHr: string | null;
  pacerRate: string | null;
  breathingRate: string | null;
  /** Whether the estimated breathing rate is within 1 breath/min of the pacer. */
  breathingMatchesPacer: boolean | null;
  /** Time with a coherence score, in words ("9 s"); null when nothing could be scored. */
  scoredSpoken: string | null;
  /** Scored share of the session, 0–100 (unformatted, for the wording choice). */
  scoredSharePct: number;
  /** Time in high / medium coherence in words; null when none (or nothing scored). */
  highSpoken: string | null;
  mediumSpoken: string | null;
  /** Shares of the SCORED time; null unless at least half of the session was scored. */
  highPct: string | null;
  mediumPct: string | null;
  /** high + medium share of the scored time, 0–100 (unformatted, for the wording choice). */
  coherentShare: number | null;
  signalQuality: string | null;
  signalQualityLow: boolean;
  /** Whether any HRV figure was withheld (the report greys it with its reason). */
  anyWithheld: boolean;
}

export interface ReportMessages {
  lang: ReportLang;
  appName: string;
  confidential: string;
  generatedOn: (date: string) => string;
  page: string;
  noneRecorded: string;
  notAvailable: string;
  notEnoughData: string;

  // Document titles and sections
  sessionReportTitle: string;
  progressReportTitle: string;
  clientSummaryTitle: string;
  keyFiguresTitle: string;
  chartsTitle: string;
  markersTitle: string;
  gapsTitle: string;
  notesTitle: string;
  settingsTitle: string;
  pacerTitle: string;
  appendixTitle: string;

  // Client and session details
  client: string;
  clientNumber: string;
  dateOfBirth: string;
  complaint: string;
  referral: string;
  session: string;
  sessionNumber: string;
  date: string;
  startTime: string;
  sessionType: string;
  sessionTypes: Record<SessionType, string>;
  status: string;
  statuses: Record<SessionStatus, string>;
  sensor: string;
  /** HeartMath's own coherence of an imported emWave / Inner Balance session, and its accumulated score. */
  heartMathCoherence: string;
  heartMathAccumulated: string;
  sampleRate: string;
  intervalsOnly: string;
  duration: string;
  course: string;

  // Pacer
  noPacer: string;
  pacerRate: (rate: string) => string;
  pacerRatio: (inhale: string, exhale: string) => string;
  pacerHolds: (holdIn: string, holdOut: string) => string;
  pacerDuration: (d: string) => string;
  pacerChangeAt: (time: string) => string;
  pacerChangesNone: string;

  // Key figures
  measure: string;
  value: string;
  meaning: string;
  meanHr: string;
  rmssd: string;
  sdnn: string;
  pnn50: string;
  lfHf: string;
  lfPeak: string;
  lfPower: string;
  hfPower: string;
  coherenceMean: string;
  coherencePeak: string;
  timeInLevel: (level: string) => string;
  /** Adjectives for "time in … coherence". */
  levels: Record<CoherenceLevel, string>;
  /** Short level names for chart bands and bars. */
  levelNames: Record<CoherenceLevel, string>;
  /** Key-figure row of the time without a coherence score. */
  timeNotScored: string;
  /** Short name of that time for charts and bars ("niet beoordeeld"). */
  notScoredName: string;
  /** Names of every HRV figure that may be withheld. */
  hrvNames: Record<HrvMetricKey, string>;
  /** Shown instead of a withheld figure's number. */
  withheldValue: string;
  withheldTitle: string;
  withheldIntro: string;
  breathingRate: string;
  beatsCorrected: string;
  signalQuality: string;
  beatsDetected: string;
  analysedDuration: string;
  hints: {
    meanHr: string;
    rmssd: string;
    sdnn: string;
    pnn50: string;
    lfHf: string;
    lfPeak: string;
    coherence: string;
    breathingRate: string;
    beatsCorrected: string;
    signalQuality: string;
    timeInLevel: string;
    notScored: string;
  };
  units: { bpm: string; ms: string; ms2: string; hz: string; perMin: string; breathsPerMin: string; min: string; pct: string };
  lfPeakPerMin: (perMin: string) => string;
  correctedOf: (n: string, pct: string) => string;
  analysisFailed: (reason: string) => string;

  // Charts
  hrChartTitle: string;
  hrAxis: string;
  timeAxis: string;
  inhaleLegend: string;
  markerLegend: string;
  gapLegend: string;
  /** Label written in a wide gap span ("geen signaal"). */
  gapSpanLabel: string;
  coherenceChartTitle: string;
  coherenceAxis: string;
  spectrumChartTitle: (from: string, to: string) => string;
  spectrumChartNoWindow: string;
  frequencyAxis: string;
  powerAxis: string;
  spectrumPeak: (hz: string, perMin: string) => string;
  breathingChartTitle: string;
  breathingAxis: string;
  breathingLegend: string;
  pacerLegend: string;
  levelsChartTitle: string;

  // Markers, gaps
  time: string;
  kind: string;
  note: string;
  markerKinds: Record<string, string>;
  from: string;
  to: string;
  reason: string;

  // Analysis settings
  settingsIntro: string;
  settingStep: string;
  settingValue: string;
  settingAnalysis: string;
  settingAnalysisPpg: (fs: string) => string;
  settingAnalysisIntervals: string;
  settingBeatDetection: string;
  settingArtifacts: string;
  settingTimeDomain: string;
  settingFrequency: (fs: string, seg: string, vlf: string, lf: string, hf: string) => string;
  settingCoherence: (win: string, fs: string, search: string, width: string, total: string, medium: string, high: string) => string;
  settingRespiration: (win: string, band: string) => string;
  settingFiducial: (used: string) => string;
  settingFiducialLabel: string;
  settingBeatDetectionPpg: (lookAhead: string) => string;
  /** `corrected`: the formatted count; `count`: the same number, for the word form. */
  settingArtifactsText: (corrected: string, count: number) => string;
  settingTimeDomainText: string;
  settingFrequencyLabel: string;
  settingCoherenceLabel: string;
  settingRespirationLabel: string;
  fiducials: Record<string, string>;
  technicalDescription: string;
  analysisEquality: string;

  // Plain-language summary for the client
  clientSummary: (f: ClientSummaryFacts) => string[];

  // Progress report
  courseTitle: string;
  courseStart: string;
  intakeDate: string;
  midDate: string;
  finalDate: string;
  noCourse: string;
  trendTitle: string;
  trendIntro: string;
  sessionsTableTitle: string;
  noSessions: string;
  coherentShare: string;
  notScoredShare: string;
  sessionAnalysisFailed: string;
  /** Footnote of a withheld value in the sessions table: "12-01-2025, RMSSD: reason". */
  withheldFootnote: (date: string, metric: string, reason: string) => string;
  questionnairesTitle: string;
  questionnairesIntro: string;
  noQuestionnaires: string;
  instruments: Record<Instrument, string>;
  scales: Record<string, string>;
  range: (min: string, max: string) => string;
  rangeHeader: string;
  /** Header of the published cut-off column of the questionnaire tables. */
  cutoffHeader: string;
  scale: string;
  hrShort: string;
  higherIsWorse: string;
  reference4dkl: string;
  referenceNq: string;
  elevated: string;
  stronglyElevated: string;
  moment: (m: string) => string;
  goalsTitle: string;
  noGoals: string;
  prescriptionsTitle: string;
  noPrescriptions: string;
  prescriptionDate: string;
  prescriptionRate: string;
  prescriptionRatio: string;
  prescriptionHolds: string;
  prescriptionMinutes: string;
  prescriptionPerDay: string;
  goal: string;
  goalSet: string;
  goalTarget: string;
  goalClosed: string;
  goalStatuses: Record<GoalStatus, string>;
  runningTitle: string;
  noRunning: string;
  week: string;
  intervals: string;
  intervalBlock: (reps: string, run: string, walk: string) => string;
  continuousRun: string;
  borg: string;
  hrAvg: string;
  hrMax: string;
  runningChartTitle: string;
  borgChartTitle: string;
  runningHrChartTitle: string;
  minutesAxis: string;
  dateAxis: string;
  sessionNumberAxis: string;
}

const built: Partial<Record<ReportLang, ReportMessages>> = {};

/** `reportMessages` — the texts of a language (built once per language). */
export function reportMessages(lang: ReportLang): ReportMessages {
  return (built[lang] ??= buildReportMessages(lang));
}
