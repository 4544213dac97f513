// CLI handlers for `capmark check`, `capmark recommend` and `capmark report`, plus the epilogue
// `capmark profile` prints: each is (argv) => Promise<exit code>; the CLI only dispatches to them.
// `io` and `ctx` (registry, board facts) are for tests; the CLI passes argv only.
import { RESULTS } from '../util/paths.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isCapmarkError } from '../errors.ts';
import { loadCatalogue } from '../catalogue/index.ts';
import type { ResultsFile } from '../results/types.ts';
import { allPass, checkRequirements, loadResults, recommend as rank, type CheckContext, type RequirementProfile, type Verdict } from '../verdict/index.ts';
import { integerIn, outputDir, requirementProfile } from './args.ts';
import { terminalTable, writeReports } from '../report/index.ts';
import { requirementProfileSchema, resultsSchema } from '../verdict/index.ts';
import { catalogueEntrySchema } from '../catalogue/index.ts';
import { powerModelSchema } from '../energy/index.ts';

export interface Io { out: (s: string) => void; err: (s: string) => void }
const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** The product profile used when none is named (README's main command). */
export const DEFAULT_PROFILE = 'ble-cgm';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = {
  check: 'usage: capmark check --requirements <profile.json|id> [--board <id>]... [--results <dir>] [--json] [results.json...]',
  recommend: 'usage: capmark recommend --requirements <profile.json|id> [--board <id>]... [--results <dir>] [--top <n>] [results.json...]',
  schema: 'usage: capmark schema <requirements|catalogue|power|results>  (prints the JSON schema, for editors and your own files)',
  report: 'usage: capmark report [--requirements <profile.json|id>] [--catalogue] [--out <dir>] [--board <id>]... [--results <dir>] [results.json...]',
};

const COMMON = {
  requirements: { type: 'string', short: 'r' },
  board: { type: 'string', multiple: true, short: 'b' },
  results: { type: 'string', default: RESULTS },
  help: { type: 'boolean', short: 'h' },
} as const;

export { profilePath } from './args.ts';

/** Results files from positional paths, --board ids, or every results/*.json. */
function resultsPaths(positional: string[], boards: string[] | undefined, dir: string): string[] {
  const fromBoards = (boards ?? []).map((b) => join(dir, `${b}.json`));
  const paths = [...positional, ...fromBoards];
  if (paths.length) return paths;
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
}

/** Runs a handler body, turning user mistakes into one-line messages and exit code 2. */
async function guarded(io: Io, usage: string, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (isCapmarkError(err)) { io.err(`capmark: ${err.message} [${err.code}]`); return EXIT.usage; }
    if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`capmark: ${err.message}\n${usage}`); return EXIT.usage;
    }
    throw err;
  }
}

function loadInputs(io: Io, usage: string, v: { results?: string; board?: string[] }, positionals: string[]): ResultsFile[] | undefined {
  const paths = resultsPaths(positionals, v.board, v.results ?? RESULTS);
  if (!paths.length) { io.err(`capmark: no results files: run "capmark profile" first or name results files\n${usage}`); return undefined; }
  return loadResults(paths);
}

/** `capmark check`: verdicts of boards against a profile; exit 1 when any need fails (for CI). */
export function check(argv: string[], io: Io = stdio, ctx: CheckContext = {}): Promise<number> {
  return guarded(io, USAGE.check, () => {
    const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, json: { type: 'boolean' } } });
    if (v.help) { io.out(USAGE.check); return EXIT.ok; }
    if (!v.requirements) { io.err(`capmark: --requirements is required\n${USAGE.check}`); return EXIT.usage; }
    const profile = requirementProfile(v.requirements);
    const results = loadInputs(io, USAGE.check, v, positionals);
    if (!results) return EXIT.usage;
    const verdicts = checkRequirements(profile, results, ctx);
    io.out(v.json ? JSON.stringify(verdicts, null, 2) : terminalTable(verdicts));
    return allPass(verdicts) ? EXIT.ok : EXIT.failed;
  });
}

/** `capmark recommend`: the catalogue ranked for a profile, predicted from measured cores. */
export function recommend(argv: string[], io: Io = stdio, ctx: CheckContext = {}): Promise<number> {
  return guarded(io, USAGE.recommend, () => {
    const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, top: { type: 'string' } } });
    if (v.help) { io.out(USAGE.recommend); return EXIT.ok; }
    if (!v.requirements) { io.err(`capmark: --requirements is required\n${USAGE.recommend}`); return EXIT.usage; }
    const top = v.top === undefined ? Infinity : integerIn('--top', v.top, 1, Infinity);
    const profile = requirementProfile(v.requirements);
    const results = loadInputs(io, USAGE.recommend, v, positionals);
    if (!results) return EXIT.usage;
    const catalogue = loadCatalogue();
    const recs = rank(profile, catalogue, results, { catalogue, ...ctx });
    io.out(`Catalogue ranked for ${profile.name} (predicted from measured virtual boards):`);
    recs.slice(0, top).forEach((r, i) => io.out(
      `${String(i + 1).padStart(2)}. ${r.name.padEnd(36)} ${r.status.toUpperCase().padEnd(11)} ${`${r.passed}/${r.total}`.padEnd(5)} $${r.price_band_usd.padEnd(4)} ` +
      `${r.daily_energy_mj === undefined ? '' : `${r.daily_energy_mj.toFixed(1)} mJ/day `}${r.reasons[0] ?? ''}`));
    return EXIT.ok;
  });
}

/** `capmark report`: terminal table, Markdown, CSV and HTML from results (and verdicts). */
export function report(argv: string[], io: Io = stdio, ctx: CheckContext = {}): Promise<number> {
  return guarded(io, USAGE.report, () => {
    const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true,
      options: { ...COMMON, out: { type: 'string', default: join(RESULTS, 'reports') }, catalogue: { type: 'boolean' } } });
    if (v.help) { io.out(USAGE.report); return EXIT.ok; }
    const profile = v.requirements ? requirementProfile(v.requirements) : undefined;
    const out = outputDir('--out', v.out!);
    const results = loadInputs(io, USAGE.report, v, positionals);
    if (!results) return EXIT.usage;
    const catalogue = loadCatalogue();
    const verdicts: Verdict[] = profile ? checkRequirements(profile, results, { catalogue, ...ctx }) : [];
    const recommendations = profile && v.catalogue ? rank(profile, catalogue, results, { catalogue, ...ctx }) : undefined;
    const paths = writeReports(results, verdicts, out, { catalogue, ...ctx, recommendations });
    if (verdicts.length) io.out(terminalTable(verdicts));
    io.out(`Reports: ${paths.html}\n         ${paths.markdown}\n         ${paths.measurements_csv}\n         ${paths.verdicts_csv}`);
    return EXIT.ok;
  });
}

/** What `capmark profile` prints last: the board's verdict against the default profile and the
 *  path of the HTML report (README's main command). */
export function verdictEpilogue(results: ResultsFile, outDir = join(RESULTS, 'reports'), profileArg: string | RequirementProfile = DEFAULT_PROFILE) {
  const profile = typeof profileArg === 'string' ? requirementProfile(profileArg) : profileArg;
  const catalogue = loadCatalogue();
  const verdicts = checkRequirements(profile, [results], { catalogue });
  const paths = writeReports([results], verdicts, outDir, { catalogue });
  const failed = verdicts.filter((x) => x.status === 'fail');
  const lines = [terminalTable(verdicts), '',
    `Verdict: ${results.board} ${failed.length ? 'FAILS' : 'PASSES'} ${profile.name} (${verdicts.length - failed.length}/${verdicts.length} needs)`,
    `Report: ${paths.html}`];
  return { lines, passed: failed.length === 0, verdicts, paths };
}

const SCHEMAS: Record<string, object> = {
  requirements: requirementProfileSchema, catalogue: catalogueEntrySchema, power: powerModelSchema, results: resultsSchema,
};

/** `capmark schema <name>`: the JSON schema a data file is checked against, for users' editors. */
export async function schema(argv: string[], io: Io = stdio): Promise<number> {
  const found = SCHEMAS[argv[0] ?? ''];
  if (!found) { io.err(`capmark: unknown schema "${argv[0] ?? ''}"\n${USAGE.schema}`); return EXIT.usage; }
  io.out(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...found }, null, 2));
  return EXIT.ok;
}
