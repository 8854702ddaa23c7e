/** Reports from storage: session and progress reports as HTML and PDF (see also electronPrint.ts, app only). */
export * from './reportError.js';
export * from './loadSessionReport.js';
export * from './loadProgressReport.js';
export * from './printToPdf.js';
export * from './reportFiles.js';
