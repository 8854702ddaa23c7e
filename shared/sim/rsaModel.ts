/**
 * Resonance model of respiratory sinus arrhythmia (RSA): how large the heart-rate oscillation
 * at the breathing frequency is, and how it is phased against breathing.
 *
 * Slow breathing drives the baroreflex loop, which resonates near 0.1 Hz (about 4.5–6.5
 * breaths/min, individually different): breathing at the resonance frequency gives the largest
 * HR oscillation, with HR and breathing in phase, and the oscillation shrinks on either side
 * (Vaschillo et al. 2002, Appl Psychophysiol Biofeedback 27:1–27; Vaschillo, Vaschillo & Lehrer
 * 2006, Appl Psychophysiol Biofeedback 31:129–142; Lehrer & Gevirtz 2014, Front Psychol 5:756).
 *
 * Gain: a second-order band-pass resonator in r = f / f0,
 *     G(r) = (r/Q) / sqrt((1 − r²)² + (r/Q)²),
 * which is exactly 1 at the resonance (so `rsaBpm` is literally the amplitude there) and falls
 * off on both sides. Q = 2.1 puts 12 breaths/min (with f0 = 5.5/min) at ≈ 0.27 of the resonance
 * amplitude: with the default rsaBpm 7.5, ≈ 15 bpm peak-to-trough at resonance and ≈ 4 bpm at
 * 12/min, and ≈ 0.76–0.82 of the maximum at ±1 breath/min.
 *
 * Phase: HR leads the breathing by φ(r) = atan2(r/Q, 1 − r²) − π/2 (radians): 0 at resonance,
 * HR leading above it (faster breathing) and lagging below it, approaching ±90° far away. This is
 * the resonator's phase curve mirrored so that it follows the direction the brief of this project
 * asks for; it is a phenomenological choice, and real people differ (Lehrer, Vaschillo & Vidali 2020,
 * "Heart rate and breathing are not always in phase during resonance frequency breathing",
 * Appl Psychophysiol Biofeedback 45:145–152).
 * "In phase" means: the HR maximum coincides with the lung-volume maximum (end of the inhale,
 * middle of a hold-in), so HR rises during the in-breath.
 */

/** Quality factor of the resonance curve. */
export const RSA_Q = 2.1;

/** Normalised RSA gain 0..1 at `breathingBpm` for a resonance at `resonanceBpm`. */
export function rsaGain(breathingBpm: number, resonanceBpm: number, q = RSA_Q): number {
  if (!(breathingBpm > 0) || !(resonanceBpm > 0)) return 0;
  const r = breathingBpm / resonanceBpm;
  const d = 1 - r * r;
  const x = r / q;
  return x / Math.sqrt(d * d + x * x);
}

/** HR phase lead over breathing, radians (negative = HR lags), at `breathingBpm`. */
export function rsaPhaseRad(breathingBpm: number, resonanceBpm: number, q = RSA_Q): number {
  if (!(breathingBpm > 0) || !(resonanceBpm > 0)) return 0;
  const r = breathingBpm / resonanceBpm;
  return Math.atan2(r / q, 1 - r * r) - Math.PI / 2;
}

/** Peak-to-trough HR swing of the RSA, bpm: 2 · rsaBpm · gain. */
export function rsaPeakToTroughBpm(breathingBpm: number, resonanceBpm: number, rsaBpm: number, q = RSA_Q): number {
  return 2 * rsaBpm * rsaGain(breathingBpm, resonanceBpm, q);
}
