/** Words of the printable run/walk week schedule (runSchedule.ts), Dutch and English, for the client. */
import type { ProgrammeBlockKind } from '../running/programme.js';
import type { ReportLang } from './reportMessages.js';

export interface RunScheduleMessages {
  title: string;
  brand: string;
  page: string;
  startsOn: (date: string) => string;
  week: string;
  dates: string;
  perWeek: string;
  session: string;
  total: string;
  done: string;
  timesPerWeek: (n: number) => string;
  block: Record<ProgrammeBlockKind, (min: string) => string>;
  repeat: (reps: number, run: string, walk: string | null) => string;
  intensityTitle: string;
  intensity: string[];
  notes: string;
}

const nl: RunScheduleMessages = {
  title: 'Loopschema',
  brand: 'Cadans · looptherapie',
  page: 'Pagina',
  startsOn: (d) => `Start ${d}`,
  week: 'Week',
  dates: 'Periode',
  perWeek: 'Keer per week',
  session: 'Eén training',
  total: 'Totaal',
  done: 'Gedaan',
  timesPerWeek: (n) => `${n}×`,
  block: {
    warmup: (m) => `${m} min wandelen (warming-up)`,
    run: (m) => `${m} min hardlopen`,
    walk: (m) => `${m} min wandelen`,
    cooldown: (m) => `${m} min wandelen (cooling-down)`,
  },
  repeat: (reps, run, walk) => (walk === null ? `${reps} × ${run} min hardlopen` : `${reps} × [${run} min hardlopen, ${walk} min wandelen]`),
  intensityTitle: 'Hoe zwaar?',
  intensity: [
    'Loop in een tempo waarbij u nog kunt praten: Borg 11–13, "licht" tot "redelijk zwaar".',
    'Lukt een training niet, herhaal dan de week voordat u verdergaat. Zet na elke training een kruisje.',
  ],
  notes: 'Opmerkingen',
};

const en: RunScheduleMessages = {
  title: 'Running schedule',
  brand: 'Cadans · running therapy',
  page: 'Page',
  startsOn: (d) => `Starts ${d}`,
  week: 'Week',
  dates: 'Period',
  perWeek: 'Times a week',
  session: 'One session',
  total: 'Total',
  done: 'Done',
  timesPerWeek: (n) => `${n}×`,
  block: {
    warmup: (m) => `${m} min walking (warm-up)`,
    run: (m) => `${m} min running`,
    walk: (m) => `${m} min walking`,
    cooldown: (m) => `${m} min walking (cool-down)`,
  },
  repeat: (reps, run, walk) => (walk === null ? `${reps} × ${run} min running` : `${reps} × [${run} min running, ${walk} min walking]`),
  intensityTitle: 'How hard?',
  intensity: [
    'Run at a pace at which you can still talk: Borg 11–13, "light" to "somewhat hard".',
    'When a session does not work out, repeat the week before going on. Tick each session you did.',
  ],
  notes: 'Notes',
};

export function runScheduleMessages(lang: ReportLang): RunScheduleMessages {
  return lang === 'en' ? en : nl;
}
