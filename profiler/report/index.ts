// Reports generated from results and verdicts: terminal table, Markdown, CSV, self-contained HTML
// with inline SVG charts, and TLS 1.3 handshake scores.
export { writeReports, type ReportPaths, type ReportOptions } from './write.ts';
export { terminalTable, markdown } from './text.ts';
export { buildModel, type ReportModel } from './model.ts';
export { secureMarkScores, SUITES, type SuiteScore } from './securemark.ts';
