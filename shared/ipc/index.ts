/** The API contract between the app core and the renderer, its data shapes and its transports' codecs. */
export * from './apiTypes.js';
export * from './recordTypes.js';
export * from './liveTypes.js';
export * from './contract.js';
export * from './wireCodec.js';
export * from './wireProtocol.js';
export * from './pacerTimeline.js';
export * from './auditTypes.js';
export * from './resonanceTypes.js';
export * from './resonanceRunProgress.js';
export * from './NnSpectrum.js';
