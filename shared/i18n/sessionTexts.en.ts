/** English texts of sessionTexts.nl.ts (same keys, type-checked). */
import type { SameKeys } from './catalogue.js';
import type { sessionTextsNl } from './sessionTexts.nl.js';

const table = {
  'marker.step': 'step {n}: {rate, number} breaths/min',
  'marker.rest': 'rest before step {n}',
  'marker.sliding': 'sliding {from, number} → {to, number} breaths/min',
  'gap.disconnected': 'sensor disconnected',
  'gap.restart': 'restart',
  'gap.pause': 'pause',
  'gap.samples-lost': 'samples lost',
  'gap.beats-missing': 'beats missing',
  'gap.no-contact': 'no contact',
  'gap.flat': 'flat signal',
  'gap.no-signal': 'no signal',
  'gap.disk-full': 'disk full',
  'file.sessionReport': 'cadans-session-{sessionId}-report',
  'file.progressReport': 'cadans-progress-{clientId}',
  'file.progressReportCourse': 'cadans-progress-{clientId}-course-{courseId}',
  'file.sessionExport': 'cadans-session-{sessionId}',
  'file.sessionExportRr': 'cadans-session-{sessionId}-rr',
  'file.runSchedule': 'cadans-running-schedule-{programmeId}',
  'title.runSchedule': 'Running schedule {programmeId}',
  'file.groupReport': 'cadans-group-{groupId}-summary',
  'file.groupReportNames': 'cadans-group-{groupId}-summary-with-names',
  'title.group': 'Group {groupId}',
  'title.session': 'Session {sessionId}',
  'title.progress': 'Progress {clientId}',
  'sensor.simulator': 'Simulator (demo signal, not a real sensor)',
  'sensor.simRelaxed': 'Simulator: relaxed client, resonance at 6 breaths/min',
  'sensor.simRestless': 'Simulator: restless client (motion artefacts, ectopic beats)',
  'sensor.onPort': '{device} on {port}',
  'sensor.onPortOf': '{device} {n} of {count} on {port}',
  'sensor.deviceName': '{device, select, cms50old {CMS50 (old 5-byte protocol)} cms50new {CMS50 (new 9-byte protocol)} csv {CSV sensor} serial {serial sensor} other {{device}}}',
  'sensor.bleHr': 'Bluetooth heart-rate sensor{rest}',
  'sensor.simDetail': 'Simulator (demo signal, not a real sensor): ear-clip PPG {hr} bpm at {fs} Hz{fast, select, yes {, {speed}× speed} other {}}',
};

export const sessionTextsEn: SameKeys<typeof sessionTextsNl, typeof table> = table;
