/** Reports from storage: session, progress and group reports as HTML and PDF (see also electronPrint.ts, app only). */
export * from './reportError.js';
export * from './loadSessionReport.js';
export * from './loadProgressReport.js';
export * from './loadGroupReport.js';
export * from './printToPdf.js';
export * from './reportFiles.js';
