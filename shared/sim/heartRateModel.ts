/**
 * `HeartRateModel`: instantaneous heart rate of the simulated person, advanced in model ticks.
 *
 *   HR(t) = hrBpm + drift(t) + baro(t) + rsa(t) + jitter(t), clamped to 30..220 bpm
 *
 * - rsa: respiratory sinus arrhythmia at the breathing frequency, following the resonance
 *   model of `rsaModel.ts`: rsa = (A/2) · cos(ψ − ψpeak + φ), with ψ the breath phase (0 at the
 *   start of the inhale, linear in time), ψpeak the phase of the lung-volume maximum (end of the
 *   inhale / middle of a hold-in), A the peak-to-trough amplitude 2 · rsaBpm · G(f) and φ the
 *   model's HR lead. A and φ follow changes of the breathing rate with an 8 s time constant, as
 *   RSA builds up over a few breaths after a rate change.
 * - baro: the baroreflex (Mayer) wave at the resonance frequency (≈ 0.1 Hz), amplitude
 *   `baroreflex` bpm with slow random amplitude (AR(1), 20 s) and phase (random walk) modulation,
 *   so that it is a narrow-band process rather than a pure tone (cf. the Mayer-wave component of
 *   McSharry et al. 2003, IEEE TBME 50:289–294).
 * - drift: three slow sinusoids (0.003–0.03 Hz, random phases), total amplitude ≤ `driftBpm`.
 * - jitter: AR(1) noise with 0.5 s correlation and s.d. `jitterBpm` (fast, non-respiratory HRV).
 * - exercise: during the `exercise` intervals the heart rate approaches `hrBpm + bpm` with a 20-s
 *   time constant, and afterwards falls back with a 45-s one (a simple first-order on/off
 *   kinetics, enough for run blocks and a heart-rate recovery to measure).
 */
import type { BreathingModel } from './breathingModel.js';
import { rsaPeakToTroughBpm, rsaPhaseRad } from './rsaModel.js';
import type { Rng } from './random.js';
import type { SimOptions } from './simOptions.js';

const RSA_TAU_SEC = 8;
const BARO_AMP_TAU_SEC = 20;
const BARO_PHASE_DIFFUSION = 0.15; // rad / sqrt(s)
const JITTER_TAU_SEC = 0.5;
const DRIFT_WEIGHTS = [0.5, 0.3, 0.2];
const EXERCISE_ON_TAU_SEC = 20;
const EXERCISE_OFF_TAU_SEC = 45;

export class HeartRateModel {
  /** Current RSA peak-to-trough amplitude (bpm) and HR lead (rad). */
  rsaAmpBpm = Number.NaN;
  rsaLeadRad = 0;
  private readonly driftHz: number[];
  private readonly driftPhase: number[];
  private readonly baroHz: number;
  private baroPhase: number;
  private baroAmp = 0;
  private jitter = 0;
  private exerciseBpm = 0;

  constructor(
    private readonly o: SimOptions,
    private readonly rng: Rng,
  ) {
    this.driftHz = DRIFT_WEIGHTS.map(() => rng.uniform(0.003, 0.03));
    this.driftPhase = DRIFT_WEIGHTS.map(() => rng.uniform(0, 2 * Math.PI));
    this.baroHz = o.resonanceBpm / 60;
    this.baroPhase = rng.uniform(0, 2 * Math.PI);
    this.jitter = rng.gaussian();
  }

  /** Heart rate at `tSec`, `dtSec` after the previous call (0 on the first call). */
  step(tSec: number, dtSec: number, breath: BreathingModel): number {
    const o = this.o;
    const g1 = this.rng.gaussian();
    const g2 = this.rng.gaussian();
    const g3 = this.rng.gaussian();

    const bpm = breath.freqHz * 60;
    const ampTarget = rsaPeakToTroughBpm(bpm, o.resonanceBpm, o.rsaBpm);
    const leadTarget = rsaPhaseRad(bpm, o.resonanceBpm);
    if (Number.isNaN(this.rsaAmpBpm)) {
      this.rsaAmpBpm = ampTarget;
      this.rsaLeadRad = leadTarget;
    } else {
      const k = 1 - Math.exp(-dtSec / RSA_TAU_SEC);
      this.rsaAmpBpm += (ampTarget - this.rsaAmpBpm) * k;
      this.rsaLeadRad += (leadTarget - this.rsaLeadRad) * k;
    }
    const tm = breath.timing;
    const psi = 2 * Math.PI * (breath.phi - Math.floor(breath.phi));
    const psiPeak = (Math.PI * (tm.inhaleEndSec + tm.holdInEndSec)) / tm.periodSec;
    const rsa = 0.5 * this.rsaAmpBpm * Math.cos(psi - psiPeak + this.rsaLeadRad);

    const aAmp = Math.exp(-dtSec / BARO_AMP_TAU_SEC);
    this.baroAmp = aAmp * this.baroAmp + Math.sqrt(1 - aAmp * aAmp) * g1;
    this.baroPhase += BARO_PHASE_DIFFUSION * Math.sqrt(dtSec) * g2;
    const baro =
      o.baroreflex * Math.max(0, 1 + 0.3 * this.baroAmp) * Math.sin(2 * Math.PI * this.baroHz * tSec + this.baroPhase);

    let drift = 0;
    for (let i = 0; i < DRIFT_WEIGHTS.length; i++)
      drift += DRIFT_WEIGHTS[i] * Math.sin(2 * Math.PI * this.driftHz[i] * tSec + this.driftPhase[i]);
    drift *= o.driftBpm;

    const aJ = Math.exp(-dtSec / JITTER_TAU_SEC);
    this.jitter = aJ * this.jitter + Math.sqrt(1 - aJ * aJ) * g3;

    let target = 0;
    for (const [a, b, bpm] of o.exercise) if (tSec >= a && tSec < b) target += bpm;
    if (target !== 0 || this.exerciseBpm !== 0) {
      const tau = target > this.exerciseBpm ? EXERCISE_ON_TAU_SEC : EXERCISE_OFF_TAU_SEC;
      this.exerciseBpm += (target - this.exerciseBpm) * (1 - Math.exp(-dtSec / tau));
    }

    const hr = o.hrBpm + this.exerciseBpm + drift + baro + rsa + o.jitterBpm * this.jitter;
    return Math.min(220, Math.max(30, hr));
  }
}
