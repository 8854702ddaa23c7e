/** Storage of the practice records and recordings (repositories over the Cadans database). */
export * from './storage.js';
export * from './sessionWriter.js';
export * from './clientsRepo.js';
export * from './coursesRepo.js';
export * from './goalsRepo.js';
export * from './sessionsRepo.js';
export * from './signalRepo.js';
export * from './beatsRepo.js';
export * from './metricsRepo.js';
export * from './markersRepo.js';
export * from './gapsRepo.js';
export * from './pacerChangesRepo.js';
export * from './questionnairesRepo.js';
export * from './runningLogRepo.js';
export { encodeFloat32LE, decodeFloat32LE } from './float32Blob.js';
export * from './prescriptionsRepo.js';
