/**
 * Texts written into a session or its files in the session's language: markers the app places,
 * gap reasons, download names, the simulator's name. Keys: sessionTexts.en.ts must match.
 */
export const sessionTextsNl = {
  'marker.step': 'stap {n}: {rate, number} ademhalingen/min',
  'marker.rest': 'rust vóór stap {n}',
  'marker.sliding': 'glijdend {from, number} → {to, number} ademhalingen/min',
  'gap.disconnected': 'sensor losgekoppeld',
  'gap.restart': 'herstart',
  'gap.pause': 'pauze',
  'gap.samples-lost': 'meetwaarden verloren',
  'gap.beats-missing': 'slagen ontbreken',
  'gap.no-contact': 'geen contact',
  'gap.flat': 'vlak signaal',
  'gap.no-signal': 'geen signaal',
  'gap.disk-full': 'schijf vol',
  'file.sessionReport': 'cadans-sessie-{sessionId}-rapport',
  'file.progressReport': 'cadans-voortgang-{clientId}',
  'file.progressReportCourse': 'cadans-voortgang-{clientId}-traject-{courseId}',
  'file.sessionExport': 'cadans-sessie-{sessionId}',
  'file.sessionExportRr': 'cadans-sessie-{sessionId}-rr',
  'file.runSchedule': 'cadans-loopschema-{programmeId}',
  'title.runSchedule': 'Loopschema {programmeId}',
  'file.groupReport': 'cadans-groep-{groupId}-overzicht',
  'file.groupReportNames': 'cadans-groep-{groupId}-overzicht-met-namen',
  'title.group': 'Groep {groupId}',
  'title.session': 'Sessie {sessionId}',
  'title.progress': 'Voortgang {clientId}',
  'sensor.simulator': 'Simulator (demosignaal, geen echte sensor)',
  'sensor.simRelaxed': 'Simulator: ontspannen cliënt, resonantie bij 6 ademhalingen/min',
  'sensor.simRestless': 'Simulator: onrustige cliënt (bewegingsartefacten, extra slagen)',
  'sensor.onPort': '{device} op {port}',
  'sensor.onPortOf': '{device} {n} van {count} op {port}',
};

export type SessionTextKey = keyof typeof sessionTextsNl;
