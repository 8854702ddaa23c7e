/** English texts of the report appendix's technical column (keys: technicalTexts.nl.ts, type-checked). */
import type { SameKeys } from '../i18n/catalogue.js';
import type { technicalTextsNl } from './technicalTexts.nl.js';

const table = {
  inputPpg: 'function analyzePpg',
  inputIntervals: 'functions analyzeIntervals → analyzeBeats',
  beatsFromFile: 'none: intervals read from the file',
  beatsFromSensor: 'none: beats reported by the sensor',
  beatDetectionPpg:
    'linear-phase band-pass, −3 dB at {lo} and {hi} Hz (3 cascaded boxcars low-pass, 2 × {baseline} s boxcar baseline removal) → systolic-peak candidates (local maxima with upstroke) → dynamic-programming beat-sequence selection → parabolic sub-sample peak time',
  fiducialRule:
    'per beat, causal: of the systolic peak, the maximum upstroke slope and the whole-pulse template alignment, the one with the smallest median |successive interval difference| over the last {beats} beats (switch below {ratio} × the current one’s; the template alignment until one has {diffs} differences to judge by), expressed at the systolic peak (+ its running median lag)',
  artifacts:
    'Lipponen & Tarvainen 2019 (Kubios automatic): ectopic, missed, extra, long/short; extra detections removed, missed beats inserted, long/short beats moved; the intervals at ectopic beats and at beats whose pulse fiducials disagree (> 15 ms) left out',
  timeDomain: 'mean NN, mean HR (mean of 60000/NN), SDNN (n−1), RMSSD and pNN50 over consecutive NN only',
  detrend:
    '{method, select, smoothnessPriors {smoothness-priors detrend (Tarvainen 2002, λ = {lambda})} linear {linear detrend} mean {mean removed} other {no detrend}}',
  frequency:
    'Welch, {fs} Hz cubic-spline resampling, {detrend} per segment, Hann window, segment {seg} s / {overlap} overlap (whole record when shorter), FFT {nfft} points (shared routine nnSpectrum); bands VLF {vlf} Hz, LF {lf} Hz, HF {hf} Hz; no interpolation across holes > {maxGap} s, segments with < {coverage} coverage skipped',
  spectrum:
    '{fs} Hz cubic-spline resampling, {detrend}{clip, select, none {} other {, clipped at {clip} robust SD}}, Hann window, FFT {nfft} points{welch, select, none {} other {, Welch {welch} s segments / ≥ {overlap} overlap}}',
  coherence:
    'HeartMath-style coherence (McCraty et al. 2009): last {win} s of NN, spectrum (nnSpectrum): {spectrum}; peak = highest in {search} Hz, peak power over {width} Hz around it; total {total} Hz; ratio = peak/(total − peak); levels low < {medium} ≤ medium < {high} ≤ high; no value when coverage < {coverage} or a hole > {maxGap} s',
  respiration:
    'breathing rate = highest peak of the fused, 1/f-whitened spectra of heart rate (RSA), pulse amplitude (RIAV) and pulse baseline (RIIV) (weights {weights}) in {band} Hz (≤ {beatFraction} × heart rate), {win} s trailing window; spectrum (nnSpectrum): {spectrum}; withheld when NN coverage < {coverage} or a hole > {maxGap} s, or when less than {confidence} of the whitened spectrum (1/2/3 modalities) lies within ±{halfWidth} Hz of the peak and the peak is less than {prominence} ln units above the band’s 75th percentile',
  sources: 'sources: {list}',
  'source.hr': 'heart rate (RSA)',
  'source.amplitude': 'pulse amplitude (RIAV)',
  'source.baseline': 'pulse level (RIIV)',
};

export const technicalTextsEn: SameKeys<typeof technicalTextsNl, typeof table> = table;
