// Reports generated from results, verdicts and the catalogue ranking for a product: the answer
// first (parts to buy, why others are rejected), then the measurement basis; as terminal table,
// text, Markdown, CSV and self-contained HTML with inline SVG charts, plus TLS handshake scores.
export { writeReports, type ReportPaths, type ReportOptions } from './write.ts';
export { terminalTable } from './text.ts';
export { markdown } from './markdown.ts';
export { buildModel, type ReportModel } from './model.ts';
export { answer, type Answer } from './answer.ts';
export { secureMarkScores, secureBootSuite, SUITES, type SuiteScore } from './securemark.ts';
