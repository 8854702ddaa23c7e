/** Resonance-frequency assessment: stepped and sliding protocols, per-step criteria, ranking and recommendation. */
export * from './types.js';
export * from './resonanceProtocol.js';
export * from './slidingProtocol.js';
export * from './resonanceBeats.js';
export * from './stepSpectrum.js';
export * from './stepRhythm.js';
export * from './analyzeResonanceStep.js';
export * from './rankResonanceSteps.js';
export * from './resonanceMessages.js';
export * from './analyzeResonance.js';
export * from './analyzeSliding.js';
export * from './formatResonanceTable.js';
export * from './stepHrTraces.js';
