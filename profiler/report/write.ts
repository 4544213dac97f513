// writeReports: renders one model to report.txt, report.md, two CSV files and report.html,
// each written atomically.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic.ts';
import type { ResultsFile } from '../results/types.ts';
import type { Verdict } from '../verdict/index.ts';
import { buildModel, type ModelOptions } from './model.ts';
import { answerText, terminalTable } from './text.ts';
import { markdown } from './markdown.ts';
import { measurementsCsv, verdictsCsv } from './csv.ts';
import { html } from './html.ts';

export interface ReportPaths { text: string; markdown: string; measurements_csv: string; verdicts_csv: string; html: string }

/** The product profile (the report then opens with the answer for it), the catalogue ranking,
 *  and what verdicts need (registry, board facts). */
export type ReportOptions = ModelOptions;

/** Writes report.txt, report.md, measurements.csv, verdicts.csv and report.html to `outDir`. */
export function writeReports(results: ResultsFile[], verdicts: Verdict[], outDir: string, opts: ReportOptions = {}): ReportPaths {
  mkdirSync(outDir, { recursive: true });
  const model = buildModel(results, verdicts, opts);
  const paths: ReportPaths = {
    text: join(outDir, 'report.txt'), markdown: join(outDir, 'report.md'), measurements_csv: join(outDir, 'measurements.csv'),
    verdicts_csv: join(outDir, 'verdicts.csv'), html: join(outDir, 'report.html'),
  };
  const basis = verdicts.length ? ['Measurement basis: the measured boards against the product', '', terminalTable(verdicts)] : [];
  const text = [...answerText(model), ...basis];
  writeFileAtomic(paths.text, (text.length ? text : ['No product profile given (--requirements): measurements only, in report.md, report.html and measurements.csv.']).join('\n') + '\n');
  writeFileAtomic(paths.markdown, markdown(model));
  writeFileAtomic(paths.measurements_csv, measurementsCsv(model));
  writeFileAtomic(paths.verdicts_csv, verdictsCsv(model));
  writeFileAtomic(paths.html, html(model));
  return paths;
}
