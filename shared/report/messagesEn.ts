/** English messages of the reports (see `reportMessages.ts`). */
import { MOSTLY_SCORED_PCT } from './clientSummary.js';
import type { ClientSummaryFacts, ReportMessages } from './reportMessages.js';

function clientSummaryEn(f: ClientSummaryFacts): string[] {
  const out: string[] = [];
  out.push(
    f.meanHr !== null
      ? `In this session of ${f.duration}, your average heart rate was ${f.meanHr} beats per minute.`
      : `This session lasted ${f.duration}.`,
  );
  if (f.pacerRate !== null) {
    let s = `You breathed along with the pacer at ${f.pacerRate} breaths per minute.`;
    if (f.breathingRate !== null) {
      s += ` Your breathing rate, estimated from your heart rhythm, was ${f.breathingRate} per minute`;
      s += f.breathingMatchesPacer ? ': close to the pacer.' : '.';
    }
    out.push(s);
  } else if (f.breathingRate !== null) {
    out.push(`Your breathing rate, estimated from your heart rhythm, was about ${f.breathingRate} breaths per minute.`);
  }
  if (f.scoredSpoken !== null && f.coherentShare !== null) {
    // Only the scored time: how much of the session that was, then the time per level within it.
    out.push(`Of the ${f.sessionSpoken} of this session, ${f.scoredSpoken} could be scored for coherence.`);
    const part = (dur: string | null, pct: string | null, range: string): string | null => (dur === null ? null : `in the ${range} for ${dur}${pct ? ` (${pct})` : ''}`);
    const parts = [part(f.highSpoken, f.highPct, 'high coherence range'), part(f.mediumSpoken, f.mediumPct, 'medium range')].filter((x): x is string => x !== null);
    if (parts.length === 0) out.push(`During those ${f.scoredSpoken} your heart rhythm stayed in the low coherence range.`);
    else out.push(`Of those ${f.scoredSpoken}, your heart rhythm was ${parts.join(' and ')}.`);
    // Mostly not scored: say so, and draw no conclusion about the session.
    if (f.scoredSharePct < MOSTLY_SCORED_PCT) {
      out.push('The rest of the session could not be scored (the first minute, interruptions or a restless signal), so this says little about the session as a whole.');
    } else if (f.coherentShare >= 50) out.push('For much of the scored time your heart rate rose and fell smoothly with your breathing.');
    else if (f.coherentShare >= 20) out.push('At times your heart rate rose and fell smoothly with your breathing.');
    else out.push('A smooth, wave-like heart rhythm appeared only briefly. This often comes with practice and can differ from day to day.');
  } else {
    out.push('The coherence of your heart rhythm could not be scored in this session: it was too short or the signal too restless.');
  }
  if (f.signalQualityLow && f.signalQuality !== null) {
    out.push(`Part of the recording was disturbed (usable signal ${f.signalQuality}), so these figures are less certain.`);
  }
  if (f.anyWithheld) out.push('Some values could not be determined reliably from this signal; the report does not show them as numbers.');
  out.push('These figures describe this session only. They are not a diagnosis; your therapist will discuss them with you.');
  return out;
}

export const MESSAGES_EN: ReportMessages = {
  lang: 'en',
  appName: 'Cadans',
  confidential: 'Confidential — clinical record',
  generatedOn: (d) => `Generated on ${d}`,
  page: 'page',
  noneRecorded: 'None recorded.',
  notAvailable: 'not available',
  notEnoughData: 'Not enough usable data for this chart',

  sessionReportTitle: 'Session report',
  progressReportTitle: 'Progress report',
  clientSummaryTitle: 'Summary for the client',
  keyFiguresTitle: 'Key figures',
  chartsTitle: 'Course of the session',
  markersTitle: 'Markers and notes',
  gapsTitle: 'Interruptions of the signal',
  notesTitle: 'Session notes',
  settingsTitle: 'Analysis settings',
  pacerTitle: 'Breathing pacer',
  appendixTitle: 'Appendix',

  client: 'Client',
  clientNumber: 'Client no.',
  dateOfBirth: 'Date of birth',
  complaint: 'Main complaint',
  referral: 'Referred by',
  session: 'Session',
  sessionNumber: 'Session no.',
  date: 'Date',
  startTime: 'Start',
  sessionType: 'Type',
  sessionTypes: {
    breathing: 'Breathing training',
    biofeedback: 'HRV biofeedback',
    resonance: 'Resonance-frequency assessment',
    running: 'Running therapy',
  },
  status: 'Status',
  statuses: { recording: 'recording in progress', complete: 'complete', interrupted: 'interrupted' },
  sensor: 'Sensor',
  sampleRate: 'Sample rate',
  intervalsOnly: 'beat intervals from the sensor',
  duration: 'Duration',
  course: 'Treatment course',

  noPacer: 'No pacer used.',
  pacerRate: (r) => `${r} breaths/min`,
  pacerRatio: (i, e) => `in : out ${i} : ${e}`,
  pacerHolds: (hi, ho) => `hold after in ${hi} s, after out ${ho} s`,
  pacerDuration: (d) => `planned ${d}`,
  pacerChangeAt: (t) => `from ${t}`,
  pacerChangesNone: 'unchanged during the session',

  measure: 'Measure',
  value: 'Value',
  meaning: 'What it shows',
  meanHr: 'Mean heart rate',
  rmssd: 'RMSSD',
  sdnn: 'SDNN',
  pnn50: 'pNN50',
  lfHf: 'LF/HF ratio',
  lfPeak: 'LF peak',
  lfPower: 'LF power',
  hfPower: 'HF power',
  coherenceMean: 'Mean coherence',
  coherencePeak: 'Peak coherence',
  timeInLevel: (l) => `Time in ${l} coherence`,
  levels: { low: 'low', medium: 'medium', high: 'high' },
  levelNames: { low: 'low', medium: 'medium', high: 'high' },
  timeNotScored: 'Time not scored',
  notScoredName: 'not scored',
  hrvNames: {
    meanHrBpm: 'Mean heart rate',
    meanNnMs: 'Mean NN interval',
    sdnnMs: 'SDNN',
    rmssdMs: 'RMSSD',
    pnn50Pct: 'pNN50',
    vlfMs2: 'VLF power',
    lfMs2: 'LF power',
    hfMs2: 'HF power',
    lfHf: 'LF/HF ratio',
    lfPeakHz: 'LF peak',
    hfPeakHz: 'HF peak',
  },
  withheldValue: 'withheld',
  withheldTitle: 'Values withheld',
  withheldIntro: 'The signal of this session cannot carry these values reliably, so the report does not show them as numbers.',
  breathingRate: 'Breathing rate',
  beatsCorrected: 'Beats corrected',
  signalQuality: 'Signal quality',
  beatsDetected: 'Beats detected',
  analysedDuration: 'Analysed signal',
  hints: {
    meanHr: 'average over the analysed signal',
    rmssd: 'beat-to-beat variation',
    sdnn: 'overall variation of the intervals',
    pnn50: 'successive intervals differing by more than 50 ms',
    lfHf: 'low- to high-frequency power; rises with slow breathing',
    lfPeak: 'dominant rhythm in 0.04–0.15 Hz',
    coherence: 'peak ratio of the heart-rhythm spectrum',
    breathingRate: 'estimated from heart rhythm and pulse',
    beatsCorrected: 'by the automatic artifact correction',
    signalQuality: 'share of the recording with usable pulse signal',
    timeInLevel: 'share of the whole session',
    notScored: 'first 64 s, interruptions and unusable signal',
  },
  units: { bpm: 'bpm', ms: 'ms', ms2: 'ms²', hz: 'Hz', perMin: '/min', breathsPerMin: 'breaths/min', min: 'min', pct: '%' },
  lfPeakPerMin: (m) => `(${m} /min)`,
  correctedOf: (n, p) => `${n} (${p})`,
  analysisFailed: (r) => `No analysis was possible for this session: ${r}.`,

  hrChartTitle: 'Heart rate (tachogram)',
  hrAxis: 'bpm',
  timeAxis: 'time (min:s)',
  inhaleLegend: 'inhale (pacer)',
  markerLegend: 'marker',
  gapLegend: 'no usable signal',
  gapSpanLabel: 'no signal',
  coherenceChartTitle: 'Coherence over time',
  coherenceAxis: 'ratio',
  spectrumChartTitle: (a, b) => `Spectrum of the best 64 s (${a}–${b})`,
  spectrumChartNoWindow: 'Spectrum of the best 64 s',
  frequencyAxis: 'frequency (Hz)',
  powerAxis: 'ms²/Hz',
  spectrumPeak: (hz, m) => `peak ${hz} Hz (${m} /min)`,
  breathingChartTitle: 'Breathing rate over time',
  breathingAxis: 'breaths/min',
  breathingLegend: 'estimated breathing rate',
  pacerLegend: 'pacer',
  levelsChartTitle: 'Time in each coherence level',

  time: 'Time',
  kind: 'Kind',
  note: 'Note',
  markerKinds: { note: 'note', event: 'event', artifact: 'artifact', phase: 'phase', sensor: 'sensor' },
  from: 'From',
  to: 'To',
  reason: 'Reason',

  settingsIntro:
    'All figures in this report come from the offline analysis of the stored signal — the same analysis as `cadans analyze` on the exported recording.',
  settingStep: 'Step',
  settingValue: 'Setting',
  settingAnalysis: 'Input',
  settingAnalysisPpg: (fs) => `raw PPG signal at ${fs} Hz`,
  settingAnalysisIntervals: 'beat-to-beat intervals from the sensor',
  settingBeatDetection: 'Beat detection',
  settingArtifacts: 'Artifact correction',
  settingTimeDomain: 'Time domain',
  settingFrequency: (fs, seg, vlf, lf, hf) =>
    `Welch periodogram, NN series resampled at ${fs} Hz, segments of ${seg} s; bands VLF ${vlf}, LF ${lf}, HF ${hf} Hz`,
  settingCoherence: (win, fs, search, width, total, medium, high) =>
    `last ${win} s of NN at ${fs} Hz; peak in ${search} Hz, peak window ${width} Hz, total ${total} Hz; ratio = peak / (total − peak); low < ${medium} ≤ medium < ${high} ≤ high`,
  settingRespiration: (win, band) => `dominant frequency of heart rate (and pulse modulations) in ${band} Hz, ${win} s window`,
  settingFiducial: (u) => `intervals measured between ${u}`,
  settingFiducialLabel: 'Interval timing',
  settingBeatDetectionPpg: (la) => `systolic peaks of the band-pass filtered pulse, beat sequence chosen by dynamic programming (look-ahead ${la} s)`,
  settingArtifactsText: (n) => `Lipponen & Tarvainen 2019 (Kubios automatic method); ${n} beats corrected`,
  settingTimeDomainText: 'mean NN and HR, SDNN, RMSSD and pNN50 over consecutive NN intervals',
  settingFrequencyLabel: 'Frequency domain',
  settingCoherenceLabel: 'Coherence',
  settingRespirationLabel: 'Breathing rate',
  fiducials: { 'systolic-peak': 'systolic peaks', upstroke: 'maximum upstroke slopes' },
  technicalDescription: 'Technical description',
  analysisEquality: 'Analysis',

  clientSummary: clientSummaryEn,

  courseTitle: 'Treatment course',
  courseStart: 'Start',
  intakeDate: 'Intake',
  midDate: 'Mid-evaluation',
  finalDate: 'Final evaluation',
  noCourse: 'No treatment course recorded.',
  trendTitle: 'Trend across sessions',
  trendIntro: 'One point per session; figures from the offline analysis of each stored recording.',
  sessionsTableTitle: 'Sessions',
  noSessions: 'No sessions recorded.',
  coherentShare: 'Medium + high coherence, % of the session',
  notScoredShare: 'Not scored',
  sessionAnalysisFailed: 'no analysis possible',
  withheldFootnote: (d, metric, r) => `${d}, ${metric}: withheld — ${r}`,
  questionnairesTitle: 'Questionnaires',
  questionnairesIntro: 'Scores per moment; the axis of each chart spans the valid range of the scale. Higher scores mean more complaints.',
  noQuestionnaires: 'No questionnaire scores recorded.',
  instruments: {
    '4dkl': '4DKL — Four-Dimensional Symptom Questionnaire',
    mvi: 'MVI — Multidimensional Fatigue Inventory',
    nq: 'Nijmegen Questionnaire',
  },
  scales: {
    distress: 'Distress',
    depression: 'Depression',
    anxiety: 'Anxiety',
    somatisation: 'Somatisation',
    generalFatigue: 'General fatigue',
    physicalFatigue: 'Physical fatigue',
    reducedActivity: 'Reduced activity',
    reducedMotivation: 'Reduced motivation',
    mentalFatigue: 'Mental fatigue',
    total: 'Total score',
  },
  range: (a, b) => `range ${a}–${b}`,
  rangeHeader: 'Range',
  cutoffHeader: 'Cut-off',
  scale: 'Scale',
  hrShort: 'HR',
  higherIsWorse: 'Higher scores mean more complaints.',
  reference4dkl: 'Shaded: moderately and strongly elevated (4DKL cut-offs, Terluin et al. 2008).',
  referenceNq: 'Shaded: 23 or more, suggestive of hyperventilation complaints (van Dixhoorn & Duivenvoorden 1985).',
  elevated: 'elevated',
  stronglyElevated: 'strongly elevated',
  moment: (m) => {
    const named: Record<string, string> = { intake: 'intake', mid: 'mid-evaluation', final: 'final evaluation', followup: 'follow-up', other: 'other' };
    const w = /^week(\d+)$/.exec(m);
    return named[m] ?? (w ? `week ${w[1]}` : m);
  },
  goalsTitle: 'SMART goals',
  noGoals: 'No goals recorded.',
  prescriptionsTitle: 'Home practice prescribed',
  noPrescriptions: 'No home practice prescribed.',
  prescriptionDate: 'Date',
  prescriptionRate: 'Rate (/min)',
  prescriptionRatio: 'In:out',
  prescriptionHolds: 'Holds in/out (s)',
  prescriptionMinutes: 'Minutes',
  prescriptionPerDay: 'Times a day',
  goal: 'Goal',
  goalSet: 'Agreed',
  goalTarget: 'Target date',
  goalClosed: 'Closed',
  goalStatuses: { open: 'open', achieved: 'achieved', dropped: 'dropped' },
  runningTitle: 'Running log',
  noRunning: 'No running sessions recorded.',
  week: 'Week',
  intervals: 'Run/walk intervals',
  intervalBlock: (reps, run, walk) => `${reps} × (${run} min run, ${walk} min walk)`,
  continuousRun: 'Continuous running',
  borg: 'Borg (6–20)',
  hrAvg: 'HR mean',
  hrMax: 'HR max',
  runningChartTitle: 'Continuous running (minutes)',
  borgChartTitle: 'Perceived exertion (Borg 6–20)',
  runningHrChartTitle: 'Heart rate while running (bpm)',
  minutesAxis: 'min',
  sessionNumberAxis: 'session',
  dateAxis: 'date',
};
