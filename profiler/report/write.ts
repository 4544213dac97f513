// writeReports: renders one model to the terminal table, Markdown, CSV and HTML files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '../results/types.ts';
import type { CheckContext, Recommendation, Verdict } from '../verdict/index.ts';
import { buildModel } from './model.ts';
import { markdown, terminalTable } from './text.ts';
import { measurementsCsv, verdictsCsv } from './csv.ts';
import { html } from './html.ts';

export interface ReportPaths { text: string; markdown: string; measurements_csv: string; verdicts_csv: string; html: string }

export interface ReportOptions extends CheckContext { recommendations?: Recommendation[]; now?: Date }

/** Writes report.txt, report.md, measurements.csv, verdicts.csv and report.html to `outDir`. */
export function writeReports(results: ResultsFile[], verdicts: Verdict[], outDir: string, opts: ReportOptions = {}): ReportPaths {
  mkdirSync(outDir, { recursive: true });
  const model = buildModel(results, verdicts, opts);
  const paths: ReportPaths = {
    text: join(outDir, 'report.txt'), markdown: join(outDir, 'report.md'), measurements_csv: join(outDir, 'measurements.csv'),
    verdicts_csv: join(outDir, 'verdicts.csv'), html: join(outDir, 'report.html'),
  };
  writeFileSync(paths.text, terminalTable(verdicts) + '\n');
  writeFileSync(paths.markdown, markdown(model));
  writeFileSync(paths.measurements_csv, measurementsCsv(model));
  writeFileSync(paths.verdicts_csv, verdictsCsv(model));
  writeFileSync(paths.html, html(model));
  return paths;
}
