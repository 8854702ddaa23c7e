/** Session, progress and group reports: data → self-contained HTML (inline CSS + SVG), Dutch and English. */
export * from './reportMessages.js';
export * from './reportFormat.js';
export * from './reportTypes.js';
export * from '../dsp/sessionMetrics.js';
export { renderSessionReport, pacerText } from './sessionReport.js';
export { renderProgressReport } from './progressReport.js';
export { renderGroupReport, participantLabel } from './groupReport.js';
export { groupFigures, type GroupReportInput, type GroupMemberInput, type GroupFigures, type GroupMemberFigures } from './groupSummary.js';
export { pacerScheduleOf } from './sessionCharts.js';
export { lineChart, type LineChartOptions, type LineSeries } from './charts/lineChart.js';
export { barChart, stackedBar, type BarChartOptions, type StackedPart } from './charts/barChart.js';
export { spectrumChart, type SpectrumChartOptions } from './charts/spectrumChart.js';
export type { YBand, XSpan, XMarker, LegendItem } from './charts/chartTypes.js';
