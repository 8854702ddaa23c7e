/** English strings of practice mode added for issue 17's gaps; exactly the keys of strings.practice.nl.ts. */
import type { practiceNl } from './strings.practice.nl.js';

export const practiceEn: Record<keyof typeof practiceNl, string> = {
  'practice.parked': '{n, plural, one {# change refused} other {# changes refused}}',
  'practice.parkedTitle':
    'The practice database refused changes for {clients}: restricted to other therapists. They stay stored here and are tried again when rights change or on "Sync now"; everything else was sent.',
};
