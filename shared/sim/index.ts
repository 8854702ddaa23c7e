/** The deterministic physiological PPG simulator (see `ppgSimulator.ts` for the model overview). */
export * from './random.js';
export * from './simOptions.js';
export * from './parseSimSpec.js';
export * from './rsaModel.js';
export * from './simTruth.js';
export * from './ppgSimulator.js';
export * from './simulate.js';
export { PULSE_SHAPE } from './pulseTemplate.js';
export { PULSE_ARRIVAL_SEC, TICK_SEC as SIM_TICK_SEC } from './physiologyModel.js';
