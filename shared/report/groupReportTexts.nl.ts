/**
 * Dutch texts of the group summary report (groupReport.ts) and of the group line in a client's own
 * session report. ICU templates; numbers, dates and durations arrive formatted by ReportFormat,
 * counts that choose a word form as numbers. English: groupReportTexts.en.ts (same keys, type-checked).
 */
const table = {
  title: 'Groepsoverzicht',
  titleNames: 'Groepsoverzicht (met namen)',
  group: 'Groep',
  groupNumber: 'Groep {groupId}',
  anonymous: 'Geanonimiseerd',
  forTherapist: 'Met namen — alleen voor de therapeut',
  anonymousNote: 'De deelnemers zijn genummerd in de volgorde waarin zij begonnen; hun namen staan alleen op de versie voor de therapeut.',
  namesNote: 'Deze versie noemt de deelnemers bij naam: alleen voor het dossier van de therapeut, niet om uit te delen.',
  date: 'Datum',
  startTime: 'Starttijd',
  duration: 'Duur',
  pacer: 'Ademhalingspacer',
  noPacer: 'Geen pacer',
  participants: 'Deelnemers',
  participant: 'Deelnemer',
  participantN: 'Deelnemer {n}',
  nameWithNumber: '{name} (cliëntnr. {clientId})',
  notes: 'Notities bij de groep',
  participantsTitle: 'Per deelnemer',
  recorded: 'Opgenomen',
  medium: 'Gemiddelde coherentie',
  high: 'Hoge coherentie',
  coherentShare: 'Gemiddeld of hoog',
  meanHr: 'Gem. hartslag',
  signalQuality: 'Signaalkwaliteit',
  noAnalysis: 'geen analyse mogelijk',
  stoppedEarly: 'eerder gestopt',
  tableNote:
    'Tijd in gemiddelde en hoge coherentie met het aandeel van de eigen opname; de eerste minuut (voordat het meetvenster vol is) en tijd zonder bruikbaar signaal tellen niet als coherent. Signaalkwaliteit: het deel van de opname met bruikbare hartslagen.',
  groupCoherence:
    '{count, plural, one {De deelnemer was} other {De deelnemers waren}} gemiddeld {pct} van de tijd in gemiddelde of hoge coherentie.',
  groupCoherenceNone: 'Voor geen van de deelnemers was een analyse mogelijk.',
  sessionLine: 'Groepssessie (groep {groupId}, {count, plural, one {# deelnemer} other {# deelnemers}}); dit rapport gaat alleen over deze cliënt',
};

export type GroupReportTextKey = keyof typeof table;
export const groupReportTextsNl: Readonly<Record<GroupReportTextKey, string>> = table;
