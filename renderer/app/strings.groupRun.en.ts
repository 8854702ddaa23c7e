/** English strings of the group run; exactly the keys of strings.groupRun.nl.ts. */
import type { groupRunNl } from './strings.groupRun.nl.js';

export const groupRunEn: Record<keyof typeof groupRunNl, string> = {
  'grouprun.open': 'Run with a group',
  'grouprun.single': 'One runner',
  'grouprun.runners': 'Runners',
  'grouprun.hint': 'One timer and one set of audio cues for the whole group; each runner has their own sensor, zones and Borg rating and their own run session in their record.',
  'grouprun.blocksTitle': 'Blocks for the whole group',
  'grouprun.blocksOf': "With a run/walk programme, the first runner's programme gives the blocks.",
  'grouprun.start': 'Start the group run ({n} runners)',
  'grouprun.consoleTitle': 'Group run ({n} runners)',
  'grouprun.stop': 'Stop the group run',
  'grouprun.col.runner': 'Runner',
  'grouprun.col.hr': 'Heart rate',
  'grouprun.col.zone': 'Zone',
  'grouprun.col.target': 'Target zone',
  'grouprun.col.borg': 'Borg',
  'grouprun.borgTitle': '{name}: how hard was this run block? (block {n})',
  'grouprun.borgDue': 'Borg rating due',
  'grouprun.ended': 'stopped',
  'grouprun.result': 'Group run saved: a run session per runner',
  'grouprun.elsewhere': 'A group run is on.',
  'grouprun.toConsole': 'Go to the group run',
  'grouprun.auto': 'automatic',
};
