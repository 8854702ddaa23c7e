/**
 * Soft audio cue for the breathing pacer (WebAudio): a short, gently swelling sine tone at the
 * start of the in-breath (a fifth higher) and of the out-breath. Created on first use, which
 * follows a user gesture (the therapist switching the cue on), as browsers require.
 */
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  ctx ??= new AudioContext();
  if (ctx.state === 'suspended') void ctx.resume();
  return ctx;
}

/** Play the cue of `phase` ('in' or 'out'). Never throws. */
export function playPacerCue(phase: 'in' | 'out'): void {
  try {
    const a = audio();
    if (!a) return;
    const t = a.currentTime;
    const osc = a.createOscillator();
    const gain = a.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(phase === 'in' ? 396 : 264, t);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.08, t + 0.25);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.4);
    osc.connect(gain).connect(a.destination);
    osc.start(t);
    osc.stop(t + 1.5);
  } catch {
    // No audio device: the visual pacer is enough.
  }
}

/** A short two-tone chime: the pacer's set duration is over. Never throws. */
export function playPacerEndChime(): void {
  try {
    const a = audio();
    if (!a) return;
    const t0 = a.currentTime;
    [528, 396].forEach((hz, i) => {
      const t = t0 + i * 0.45;
      const osc = a.createOscillator();
      const gain = a.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(hz, t);
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.1, t + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.6);
      osc.connect(gain).connect(a.destination);
      osc.start(t);
      osc.stop(t + 0.65);
    });
  } catch {
    // No audio device: the prompt on screen is enough.
  }
}

/** Make sure the audio context exists (call from the click that enables the cue). */
export function unlockPacerAudio(): void {
  audio();
}
