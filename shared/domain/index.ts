/** Domain model and validation of the practice records (pure; used by storage, UI and CLI). */
export * from './types.js';
export * from './beatFlags.js';
export * from './dates.js';
export * from './validationMessages.js';
export * from './validationResult.js';
export * from './fieldChecks.js';
export * from './validateQuestionnaire.js';
export * from './validateClient.js';
export * from './validateCourse.js';
export * from './validateRunningLog.js';
export * from './validateSession.js';
export * from './questionnaireItems.js';
export * from './questionnaireCutoffs.js';
export * from './validatePacer.js';
