/**
 * Audio cues of the run timer, working without the internet: a Web Audio tone pattern per cue kind
 * (run: two rising beeps; walk: two falling; warm-up and cool-down: one long; the Borg prompt: three
 * short; the end: a rising triad) and, where the browser has a voice for the language,
 * `speechSynthesis` saying the cue in Dutch or English (local voices only).
 */
import type { RunCueKind } from '../../../shared/running/runTimer.js';
import type { Locale } from '../../../shared/ipc/apiTypes.js';

const TONES: Record<RunCueKind, readonly [hz: number, sec: number][]> = {
  run: [[660, 0.18], [880, 0.3]],
  walk: [[660, 0.18], [440, 0.3]],
  warmup: [[523, 0.5]],
  cooldown: [[392, 0.5]],
  borg: [[784, 0.1], [784, 0.1], [784, 0.1]],
  end: [[523, 0.2], [659, 0.2], [784, 0.45]],
};

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  ctx ??= new AudioContext();
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  return ctx;
}

/** Unlock audio from a click (browsers start audio only after a user gesture). */
export function primeRunAudio(): void {
  audio();
}

export function playTone(kind: RunCueKind): void {
  const a = audio();
  if (!a) return;
  let t = a.currentTime + 0.02;
  for (const [hz, sec] of TONES[kind]) {
    const osc = a.createOscillator();
    const gain = a.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + sec);
    osc.connect(gain).connect(a.destination);
    osc.start(t);
    osc.stop(t + sec + 0.02);
    t += sec + 0.06;
  }
}

/** Say `text` with a local voice of `locale` (none: silent, the tone is the cue). */
export function speak(text: string, locale: Locale): void {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
  const voice = speechSynthesis.getVoices().find((v) => v.localService && v.lang.toLowerCase().startsWith(locale));
  if (!voice) return;
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang;
  speechSynthesis.cancel();
  speechSynthesis.speak(u);
}
