/** The breathing pacer: settings, the pacer as a pure function of time, schedules, spec parsing. */
export * from './pacerSettings.js';
export * from './pacerState.js';
export * from './pacerSchedule.js';
export * from './parsePacerSpec.js';
