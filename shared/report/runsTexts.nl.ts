/** Nederlandse teksten van het hardloopdeel van het voortgangsrapport (sleutels ook in runsTexts.en.ts). */
const table = {
  title: 'Loopsessies en loop-/wandelschema',
  intro: 'Loopsessies van sporthorloges (FIT, TCX, GPX) en uit de praktijk: loop- en wandelblokken uit cadans en snelheid, de langste aaneengesloten loop en het hartslagherstel na het laatste loopblok.',
  programmeTitle: 'Schema: gepland en gedaan per week',
  programmeStarted: '{name}, vanaf {date}',
  week: 'Week',
  dates: 'Periode',
  planned: 'Gepland',
  done: 'Gedaan',
  plannedLongest: 'Langste loop gepland',
  longestDone: 'Langste loop gedaan',
  longestChart: 'Langste aaneengesloten loop (minuten)',
  hrrChart: 'Hartslagherstel na het laatste loopblok (slagen/min)',
  hrr60: 'HRR60',
  hrr120: 'HRR120',
  date: 'Datum',
  duration: 'Duur',
  runBlocks: 'Loopblokken',
  longest: 'Langste loop',
  meanHr: 'Gem. hartslag',
  inTarget: 'In doelzone',
  source: 'Bron',
  noRuns: 'Nog geen loopsessies opgeslagen.',
  notEnoughData: 'Te weinig gegevens',
  hrrMethod: 'HRR = piekhartslag (5-s-gemiddelde) in het laatste loopblok min de hartslag 60 en 120 s na het einde ervan (Cole e.a. 1999; Shetler e.a. 2001). Doelzone Borg 11–13: 40–59 % van de hartslagreserve (Karvonen; ACSM, Garber e.a. 2011).',
};

export type RunsTextKey = keyof typeof table;
export const runsTextsNl: Readonly<Record<RunsTextKey, string>> = table;
