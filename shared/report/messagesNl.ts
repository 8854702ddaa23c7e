/** Nederlandse teksten van de rapporten (zie `reportMessages.ts`). */
import { MOSTLY_SCORED_PCT } from './clientSummary.js';
import type { ClientSummaryFacts, ReportMessages } from './reportMessages.js';

function clientSummaryNl(f: ClientSummaryFacts): string[] {
  const out: string[] = [];
  out.push(
    f.meanHr !== null
      ? `In deze sessie van ${f.duration} was uw gemiddelde hartslag ${f.meanHr} slagen per minuut.`
      : `Deze sessie duurde ${f.duration}.`,
  );
  if (f.pacerRate !== null) {
    let s = `U ademde mee met de pacer op ${f.pacerRate} ademhalingen per minuut.`;
    if (f.breathingRate !== null) {
      s += ` Uw ademfrequentie, geschat uit uw hartritme, was ${f.breathingRate} per minuut`;
      s += f.breathingMatchesPacer ? ': dicht bij het tempo van de pacer.' : '.';
    }
    out.push(s);
  } else if (f.breathingRate !== null) {
    out.push(`Uw ademfrequentie, geschat uit uw hartritme, was ongeveer ${f.breathingRate} ademhalingen per minuut.`);
  }
  if (f.scoredSpoken !== null && f.coherentShare !== null) {
    // Only the scored time: how much of the session that was, then the time per level within it.
    out.push(`Van de ${f.sessionSpoken} van deze sessie kon ${f.scoredSpoken} op coherentie worden beoordeeld.`);
    const part = (dur: string | null, pct: string | null, range: string): string | null => (dur === null ? null : `${dur}${pct ? ` (${pct})` : ''} in het ${range}`);
    const parts = [part(f.highSpoken, f.highPct, 'hoge coherentiebereik'), part(f.mediumSpoken, f.mediumPct, 'middelste bereik')].filter((x): x is string => x !== null);
    if (parts.length === 0) out.push(`In die ${f.scoredSpoken} bleef uw hartritme in het lage coherentiebereik.`);
    else out.push(`Van die ${f.scoredSpoken} was uw hartritme ${parts.join(' en ')}.`);
    // Mostly not scored: say so, and draw no conclusion about the session.
    if (f.scoredSharePct < MOSTLY_SCORED_PCT) {
      out.push('De rest van de sessie kon niet worden beoordeeld (de eerste minuut, onderbrekingen of een onrustig signaal), dus dit zegt nog weinig over de hele sessie.');
    } else if (f.coherentShare >= 50) out.push('In een groot deel van de beoordeelde tijd ging uw hartslag rustig op en neer met uw ademhaling.');
    else if (f.coherentShare >= 20) out.push('Op momenten ging uw hartslag rustig op en neer met uw ademhaling.');
    else out.push('Een rustig, golvend hartritme was maar kort te zien. Dat komt vaak met oefenen en kan per dag verschillen.');
  } else {
    out.push('De coherentie van uw hartritme kon in deze sessie niet worden beoordeeld: de sessie was te kort of het signaal te onrustig.');
  }
  if (f.signalQualityLow && f.signalQuality !== null) {
    out.push(`Een deel van de opname was verstoord (bruikbaar signaal ${f.signalQuality}); deze cijfers zijn daardoor minder zeker.`);
  }
  if (f.anyWithheld) out.push('Sommige waarden konden uit dit signaal niet betrouwbaar worden bepaald; die staan in het rapport niet als getal.');
  out.push('Deze cijfers gaan alleen over deze sessie. Het is geen diagnose; uw therapeut bespreekt ze met u.');
  return out;
}

export const MESSAGES_NL: ReportMessages = {
  lang: 'nl',
  appName: 'Cadans',
  confidential: 'Vertrouwelijk — medisch dossier',
  generatedOn: (d) => `Gemaakt op ${d}`,
  page: 'pagina',
  noneRecorded: 'Niets vastgelegd.',
  notAvailable: 'niet beschikbaar',
  notEnoughData: 'Onvoldoende bruikbare gegevens voor deze grafiek',

  sessionReportTitle: 'Sessierapport',
  progressReportTitle: 'Voortgangsrapport',
  clientSummaryTitle: 'Samenvatting voor de cliënt',
  keyFiguresTitle: 'Kerngetallen',
  chartsTitle: 'Verloop van de sessie',
  markersTitle: 'Markeringen en notities',
  gapsTitle: 'Onderbrekingen van het signaal',
  notesTitle: 'Notities bij de sessie',
  settingsTitle: 'Analyse-instellingen',
  pacerTitle: 'Ademhalingspacer',
  appendixTitle: 'Bijlage',

  client: 'Cliënt',
  clientNumber: 'Cliëntnr.',
  dateOfBirth: 'Geboortedatum',
  complaint: 'Hoofdklacht',
  referral: 'Verwezen door',
  session: 'Sessie',
  sessionNumber: 'Sessienr.',
  date: 'Datum',
  startTime: 'Start',
  sessionType: 'Soort',
  sessionTypes: {
    breathing: 'Ademhalingstraining',
    biofeedback: 'HRV-biofeedback',
    resonance: 'Bepaling resonantiefrequentie',
    running: 'Hardlooptherapie',
  },
  status: 'Status',
  statuses: { recording: 'opname loopt', complete: 'voltooid', interrupted: 'onderbroken' },
  sensor: 'Sensor',
  sampleRate: 'Bemonsteringsfrequentie',
  intervalsOnly: 'slag-tot-slagintervallen van de sensor',
  duration: 'Duur',
  course: 'Behandeltraject',

  noPacer: 'Geen pacer gebruikt.',
  pacerRate: (r) => `${r} ademhalingen/min`,
  pacerRatio: (i, e) => `in : uit ${i} : ${e}`,
  pacerHolds: (hi, ho) => `pauze na inademen ${hi} s, na uitademen ${ho} s`,
  pacerDuration: (d) => `gepland ${d}`,
  pacerChangeAt: (t) => `vanaf ${t}`,
  pacerChangesNone: 'niet gewijzigd tijdens de sessie',

  measure: 'Maat',
  value: 'Waarde',
  meaning: 'Wat het laat zien',
  meanHr: 'Gemiddelde hartslag',
  rmssd: 'RMSSD',
  sdnn: 'SDNN',
  pnn50: 'pNN50',
  lfHf: 'LF/HF-verhouding',
  lfPeak: 'LF-piek',
  lfPower: 'LF-vermogen',
  hfPower: 'HF-vermogen',
  coherenceMean: 'Gemiddelde coherentie',
  coherencePeak: 'Hoogste coherentie',
  timeInLevel: (l) => `Tijd in ${l} coherentie`,
  levels: { low: 'lage', medium: 'middelste', high: 'hoge' },
  levelNames: { low: 'laag', medium: 'middel', high: 'hoog' },
  timeNotScored: 'Tijd niet beoordeeld',
  notScoredName: 'niet beoordeeld',
  hrvNames: {
    meanHrBpm: 'Gemiddelde hartslag',
    meanNnMs: 'Gemiddeld NN-interval',
    sdnnMs: 'SDNN',
    rmssdMs: 'RMSSD',
    pnn50Pct: 'pNN50',
    vlfMs2: 'VLF-vermogen',
    lfMs2: 'LF-vermogen',
    hfMs2: 'HF-vermogen',
    lfHf: 'LF/HF-verhouding',
    lfPeakHz: 'LF-piek',
    hfPeakHz: 'HF-piek',
  },
  withheldValue: 'niet getoond',
  withheldTitle: 'Niet getoonde waarden',
  withheldIntro: 'Deze waarden kan het signaal van deze sessie niet betrouwbaar dragen; ze staan daarom niet als getal in het rapport.',
  breathingRate: 'Ademfrequentie',
  beatsCorrected: 'Gecorrigeerde slagen',
  signalQuality: 'Signaalkwaliteit',
  beatsDetected: 'Gedetecteerde slagen',
  analysedDuration: 'Geanalyseerd signaal',
  hints: {
    meanHr: 'gemiddelde over het geanalyseerde signaal',
    rmssd: 'variatie van slag tot slag',
    sdnn: 'totale variatie van de intervallen',
    pnn50: 'opeenvolgende intervallen die meer dan 50 ms verschillen',
    lfHf: 'laag- t.o.v. hoogfrequent vermogen; stijgt bij langzaam ademen',
    lfPeak: 'dominant ritme in 0,04–0,15 Hz',
    coherence: 'piekverhouding van het hartritmespectrum',
    breathingRate: 'geschat uit hartritme en pols',
    beatsCorrected: 'door de automatische artefactcorrectie',
    signalQuality: 'deel van de opname met bruikbaar polssignaal',
    timeInLevel: 'deel van de hele sessie',
    notScored: 'eerste 64 s, onderbrekingen en onbruikbaar signaal',
  },
  units: { bpm: 'slagen/min', ms: 'ms', ms2: 'ms²', hz: 'Hz', perMin: '/min', breathsPerMin: 'ademh./min', min: 'min', pct: '%' },
  lfPeakPerMin: (m) => `(${m} /min)`,
  correctedOf: (n, p) => `${n} (${p})`,
  analysisFailed: (r) => `Voor deze sessie was geen analyse mogelijk: ${r}.`,

  hrChartTitle: 'Hartslag (tachogram)',
  hrAxis: 'slagen/min',
  timeAxis: 'tijd (min:s)',
  inhaleLegend: 'inademen (pacer)',
  markerLegend: 'markering',
  gapLegend: 'geen bruikbaar signaal',
  gapSpanLabel: 'geen signaal',
  coherenceChartTitle: 'Coherentie door de tijd',
  coherenceAxis: 'ratio',
  spectrumChartTitle: (a, b) => `Spectrum van de beste 64 s (${a}–${b})`,
  spectrumChartNoWindow: 'Spectrum van de beste 64 s',
  frequencyAxis: 'frequentie (Hz)',
  powerAxis: 'ms²/Hz',
  spectrumPeak: (hz, m) => `piek ${hz} Hz (${m} /min)`,
  breathingChartTitle: 'Ademfrequentie door de tijd',
  breathingAxis: 'ademh./min',
  breathingLegend: 'geschatte ademfrequentie',
  pacerLegend: 'pacer',
  levelsChartTitle: 'Tijd per coherentieniveau',

  time: 'Tijd',
  kind: 'Soort',
  note: 'Notitie',
  markerKinds: { note: 'notitie', event: 'gebeurtenis', artifact: 'artefact', phase: 'fase', sensor: 'sensor' },
  from: 'Van',
  to: 'Tot',
  reason: 'Oorzaak',

  settingsIntro:
    'Alle getallen in dit rapport komen uit de offline analyse van het opgeslagen signaal — dezelfde analyse als `cadans analyze` op de geëxporteerde opname.',
  settingStep: 'Stap',
  settingValue: 'Instelling',
  settingAnalysis: 'Invoer',
  settingAnalysisPpg: (fs) => `ruw PPG-signaal op ${fs} Hz`,
  settingAnalysisIntervals: 'slag-tot-slagintervallen van de sensor',
  settingBeatDetection: 'Slagdetectie',
  settingArtifacts: 'Artefactcorrectie',
  settingTimeDomain: 'Tijddomein',
  settingFrequency: (fs, seg, vlf, lf, hf) =>
    `Welch-periodogram, NN-reeks herbemonsterd op ${fs} Hz, segmenten van ${seg} s; banden VLF ${vlf}, LF ${lf}, HF ${hf} Hz`,
  settingCoherence: (win, fs, search, width, total, medium, high) =>
    `laatste ${win} s NN op ${fs} Hz; piek in ${search} Hz, piekvenster ${width} Hz, totaal ${total} Hz; ratio = piek / (totaal − piek); laag < ${medium} ≤ middel < ${high} ≤ hoog`,
  settingRespiration: (win, band) => `dominante frequentie van de hartslag (en polsmodulaties) in ${band} Hz, venster ${win} s`,
  settingFiducial: (u) => `intervallen gemeten tussen ${u}`,
  settingFiducialLabel: 'Intervalmeting',
  settingBeatDetectionPpg: (la) => `systolische toppen van de banddoorlaatgefilterde pols, slagenreeks gekozen met dynamisch programmeren (vooruitkijken ${la} s)`,
  settingArtifactsText: (n) => `Lipponen & Tarvainen 2019 (automatische Kubios-methode); ${n} slagen gecorrigeerd`,
  settingTimeDomainText: 'gemiddelde NN en hartslag, SDNN, RMSSD en pNN50 over opeenvolgende NN-intervallen',
  settingFrequencyLabel: 'Frequentiedomein',
  settingCoherenceLabel: 'Coherentie',
  settingRespirationLabel: 'Ademfrequentie',
  fiducials: { 'systolic-peak': 'systolische toppen', upstroke: 'punten van steilste stijging' },
  technicalDescription: 'Technische beschrijving (Engels, letterlijk uit de analyse)',
  analysisEquality: 'Analyse',

  clientSummary: clientSummaryNl,

  courseTitle: 'Behandeltraject',
  courseStart: 'Start',
  intakeDate: 'Intake',
  midDate: 'Tussenevaluatie',
  finalDate: 'Eindevaluatie',
  noCourse: 'Geen behandeltraject vastgelegd.',
  trendTitle: 'Verloop over de sessies',
  trendIntro: 'Eén punt per sessie; getallen uit de offline analyse van elke opgeslagen opname.',
  sessionsTableTitle: 'Sessies',
  noSessions: 'Geen sessies vastgelegd.',
  coherentShare: 'Middel + hoge coherentie, % van de sessie',
  notScoredShare: 'Niet beoordeeld',
  sessionAnalysisFailed: 'geen analyse mogelijk',
  withheldFootnote: (d, metric, r) => `${d}, ${metric}: niet getoond — ${r}`,
  questionnairesTitle: 'Vragenlijsten',
  questionnairesIntro: 'Scores per meetmoment; de as van elke grafiek beslaat het geldige bereik van de schaal. Hogere scores betekenen meer klachten.',
  noQuestionnaires: 'Geen vragenlijstscores vastgelegd.',
  instruments: {
    '4dkl': '4DKL — Vierdimensionale Klachtenlijst',
    mvi: 'MVI — Multidimensionele Vermoeidheids Index',
    nq: 'Nijmeegse Vragenlijst',
  },
  scales: {
    distress: 'Distress',
    depression: 'Depressie',
    anxiety: 'Angst',
    somatisation: 'Somatisatie',
    generalFatigue: 'Algemene vermoeidheid',
    physicalFatigue: 'Lichamelijke vermoeidheid',
    reducedActivity: 'Verminderde activiteit',
    reducedMotivation: 'Verminderde motivatie',
    mentalFatigue: 'Mentale vermoeidheid',
    total: 'Totaalscore',
  },
  range: (a, b) => `bereik ${a}–${b}`,
  rangeHeader: 'Bereik',
  cutoffHeader: 'Afkappunt',
  scale: 'Schaal',
  hrShort: 'Hartslag',
  higherIsWorse: 'Hogere scores betekenen meer klachten.',
  reference4dkl: 'Gearceerd: matig en sterk verhoogd (afkappunten 4DKL, Terluin e.a. 2008).',
  referenceNq: 'Gearceerd: 23 of hoger, passend bij hyperventilatieklachten (van Dixhoorn & Duivenvoorden 1985).',
  elevated: 'verhoogd',
  stronglyElevated: 'sterk verhoogd',
  moment: (m) => {
    const named: Record<string, string> = { intake: 'intake', mid: 'tussenevaluatie', final: 'eindevaluatie', followup: 'follow-up', other: 'overig' };
    const w = /^week(\d+)$/.exec(m);
    return named[m] ?? (w ? `week ${w[1]}` : m);
  },
  goalsTitle: 'SMART-doelen',
  noGoals: 'Geen doelen vastgelegd.',
  prescriptionsTitle: 'Voorgeschreven thuisoefening',
  noPrescriptions: 'Geen thuisoefening voorgeschreven.',
  prescriptionDate: 'Datum',
  prescriptionRate: 'Tempo (/min)',
  prescriptionRatio: 'In:uit',
  prescriptionHolds: 'Vasthouden in/uit (s)',
  prescriptionMinutes: 'Minuten',
  prescriptionPerDay: 'Keer per dag',
  goal: 'Doel',
  goalSet: 'Afgesproken',
  goalTarget: 'Streefdatum',
  goalClosed: 'Afgesloten',
  goalStatuses: { open: 'lopend', achieved: 'behaald', dropped: 'vervallen' },
  runningTitle: 'Hardlooplogboek',
  noRunning: 'Geen hardlooptrainingen vastgelegd.',
  week: 'Week',
  intervals: 'Loop-/wandelintervallen',
  intervalBlock: (reps, run, walk) => `${reps} × (${run} min hardlopen, ${walk} min wandelen)`,
  continuousRun: 'Onafgebroken hardlopen',
  borg: 'Borg (6–20)',
  hrAvg: 'Hartslag gem.',
  hrMax: 'Hartslag max.',
  runningChartTitle: 'Onafgebroken hardlopen (minuten)',
  borgChartTitle: 'Ervaren inspanning (Borg 6–20)',
  runningHrChartTitle: 'Hartslag tijdens het hardlopen (slagen/min)',
  minutesAxis: 'min',
  sessionNumberAxis: 'sessie',
  dateAxis: 'datum',
};
