/**
 * Words of the home-practice handout (prescriptionHandout.ts), Dutch and English. Numbers and
 * dates arrive formatted; the sentences are written for the client, in plain words.
 */
import type { ReportLang } from './reportMessages.js';

export interface HandoutFacts {
  rate: string;
  /** "4:6" */
  ratio: string;
  inhaleSec: string;
  exhaleSec: string;
  holdInSec: string | null;
  holdOutSec: string | null;
  minutes: string;
  breaths: string;
  timesPerDay: number;
}

export interface HandoutMessages {
  title: string;
  brand: string;
  confidential: string;
  prescribedOn: (date: string) => string;
  page: string;
  yourPractice: string;
  rate: string;
  rateValue: (rate: string) => string;
  ratio: string;
  ratioValue: (f: HandoutFacts) => string;
  holds: string;
  holdsValue: (f: HandoutFacts) => string;
  duration: string;
  durationValue: (f: HandoutFacts) => string;
  howOften: string;
  howOftenValue: (n: number) => string;
  resonanceTitle: string;
  resonanceKnown: (rate: string, date: string) => string;
  resonanceNone: string;
  howTitle: string;
  how: (f: HandoutFacts) => string[];
  whyTitle: string;
  why: string[];
  qrTitle: string;
  qrNote: string;
  audioFile: string;
}

const NL: HandoutMessages = {
  title: 'Ademoefening voor thuis',
  brand: 'Cadans',
  confidential: 'Persoonlijk',
  prescribedOn: (d) => `Voorgeschreven op ${d}`,
  page: 'pagina',
  yourPractice: 'Uw oefening',
  rate: 'Tempo',
  rateValue: (r) => `${r} ademhalingen per minuut`,
  ratio: 'In- en uitademen',
  ratioValue: (f) => `${f.ratio} (inademen ${f.inhaleSec} s, uitademen ${f.exhaleSec} s)`,
  holds: 'Adem vasthouden',
  holdsValue: (f) =>
    f.holdInSec === null && f.holdOutSec === null
      ? 'niet'
      : [f.holdInSec && `${f.holdInSec} s na het inademen`, f.holdOutSec && `${f.holdOutSec} s na het uitademen`].filter(Boolean).join(', '),
  duration: 'Duur',
  durationValue: (f) => `${f.minutes} minuten (${f.breaths} ademhalingen)`,
  howOften: 'Hoe vaak',
  howOftenValue: (n) => (n === 1 ? 'één keer per dag' : `${n} keer per dag`),
  resonanceTitle: 'Uw resonantiefrequentie',
  resonanceKnown: (r, d) => `Bij de meting van ${d} was uw resonantiefrequentie ${r} ademhalingen per minuut.`,
  resonanceNone: 'Er is nog geen resonantiemeting gedaan; het tempo is door uw therapeut gekozen.',
  howTitle: 'Zo doet u het',
  how: (f) => [
    'Ga rustig en rechtop zitten, met beide voeten op de grond. Zet uw telefoon op stil.',
    `Speel het geluidsbestand af. De toon zwelt aan als u inademt (${f.inhaleSec} s) en zwakt af als u uitademt (${f.exhaleSec} s)${f.holdInSec || f.holdOutSec ? '; bij een gelijkblijvende toon of stilte houdt u de adem even vast' : ''}.`,
    'Adem rustig door de neus in en langzaam uit, vanuit de buik. Niet te diep: het gaat om het tempo, niet om de hoeveelheid lucht.',
    'Wordt u duizelig of benauwd, stop dan en adem gewoon verder. Bespreek het bij de volgende afspraak.',
  ],
  whyTitle: 'Waarom deze oefening',
  why: [
    'In dit rustige tempo gaat uw hartslag mee op en neer met uw ademhaling. Dat traint het deel van het zenuwstelsel dat zorgt voor herstel en ontspanning.',
    'Het effect komt door regelmaat: liever elke dag kort oefenen dan af en toe lang.',
  ],
  qrTitle: 'Instellingen als code',
  qrNote: 'Scan de code met uw telefoon: u ziet dan de instellingen van uw oefening.',
  audioFile: 'Geluidsbestand: pacer.wav',
};

const EN: HandoutMessages = {
  title: 'Breathing practice at home',
  brand: 'Cadans',
  confidential: 'Personal',
  prescribedOn: (d) => `Prescribed on ${d}`,
  page: 'page',
  yourPractice: 'Your practice',
  rate: 'Rate',
  rateValue: (r) => `${r} breaths per minute`,
  ratio: 'In and out',
  ratioValue: (f) => `${f.ratio} (breathe in ${f.inhaleSec} s, breathe out ${f.exhaleSec} s)`,
  holds: 'Holding the breath',
  holdsValue: (f) =>
    f.holdInSec === null && f.holdOutSec === null
      ? 'no'
      : [f.holdInSec && `${f.holdInSec} s after breathing in`, f.holdOutSec && `${f.holdOutSec} s after breathing out`].filter(Boolean).join(', '),
  duration: 'Duration',
  durationValue: (f) => `${f.minutes} minutes (${f.breaths} breaths)`,
  howOften: 'How often',
  howOftenValue: (n) => (n === 1 ? 'once a day' : `${n} times a day`),
  resonanceTitle: 'Your resonance frequency',
  resonanceKnown: (r, d) => `At the assessment of ${d} your resonance frequency was ${r} breaths per minute.`,
  resonanceNone: 'No resonance assessment has been done yet; your therapist chose the rate.',
  howTitle: 'How to do it',
  how: (f) => [
    'Sit upright and at ease, both feet on the floor. Silence your phone.',
    `Play the audio file. The tone swells as you breathe in (${f.inhaleSec} s) and fades as you breathe out (${f.exhaleSec} s)${f.holdInSec || f.holdOutSec ? '; while the tone stays the same or is silent, hold your breath for a moment' : ''}.`,
    'Breathe in gently through your nose and out slowly, from the belly. Not too deep: the rate matters, not the amount of air.',
    'If you feel dizzy or short of breath, stop and breathe normally. Tell your therapist at your next appointment.',
  ],
  whyTitle: 'Why this practice',
  why: [
    'At this calm rate your heart rate rises and falls with your breathing. This trains the part of the nervous system that takes care of recovery and relaxation.',
    'Regular practice is what counts: a short practice every day is better than a long one now and then.',
  ],
  qrTitle: 'Settings as a code',
  qrNote: 'Scan the code with your phone to see the settings of your practice.',
  audioFile: 'Audio file: pacer.wav',
};

export function handoutMessages(lang: ReportLang): HandoutMessages {
  return lang === 'en' ? EN : NL;
}
