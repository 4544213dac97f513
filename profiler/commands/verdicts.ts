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
import {
  checkRequirements, predictParts, loadResults, overallStatus, recommend as rank,
  type CheckContext, type Recommendation, type RequirementProfile, type Verdict,
} from '../verdict/index.ts';
import { CapmarkError } from '../errors.ts';
import { bandText, bytes, percent } from '../util/format.ts';
import { integerIn, outputDir, requirementProfile } from './args.ts';
import { terminalTable, writeReports } from '../report/index.ts';
import { requirementProfileSchema, resultsSchema } from '../verdict/index.ts';
import { catalogueEntrySchema, publishedSchema } from '../catalogue/index.ts';
import { frameworkSchema } from '../policy/index.ts';
import { powerModelSchema } from '../energy/index.ts';

export interface Io { out: (s: string) => void; err: (s: string) => void }
const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** The product profile used when none is named (README's main command). */
export const DEFAULT_PROFILE = 'ble-cgm';

/** Exit codes of check (README "Exit codes"): 3 = nothing failed, but a need could not be judged
 *  (a core no measured board covers, or a figure the results lack). */
export const EXIT = { ok: 0, failed: 1, usage: 2, incomplete: 3 } as const;
const EXIT_OF = { pass: EXIT.ok, fail: EXIT.failed, incomplete: EXIT.incomplete } as const;

const USAGE = {
  check: 'usage: capmark check --requirements <profile.json|id> [--board <id>]... [--parts <dir|file>]... [--results <dir>] [--json] [results.json...]\n'
    + '  --board <id>: a board with results/<id>.json, or a catalogue part (predicted from the measured boards)\n'
    + '  exit 0 every need passes, 1 a need fails, 2 usage or data error, 3 incomplete (nothing failed, but a need could not be judged)',
  recommend: 'usage: capmark recommend --requirements <profile.json|id> [--parts <dir|file>]... [--results <dir>] [--top <n>] [--json] [results.json...]',
  schema: 'usage: capmark schema <requirements|catalogue|power|results|policy|published>  (prints the JSON schema, for editors and your own files)',
  report: 'usage: capmark report [--requirements <profile.json|id>] [--catalogue] [--parts <dir|file>]... [--out <dir>] [--board <id>]... [--results <dir>] [results.json...]',
};

const COMMON = {
  requirements: { type: 'string', short: 'r' },
  board: { type: 'string', multiple: true, short: 'b' },
  results: { type: 'string', default: RESULTS },
  /** The user's own catalogue files (a folder of entries or single files), used like shipped parts. */
  parts: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export { profilePath } from './args.ts';

/** Results files from positional paths, --board ids, or every results/*.json. */
function resultsPaths(positional: string[], boards: string[] | undefined, dir: string): string[] {
  const fromBoards = (boards ?? []).map((b) => join(dir, `${b}.json`));
  const paths = [...positional, ...fromBoards];
  if (paths.length) return paths;
  return allResults(dir);
}

const allResults = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : []);

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

/** `capmark check`: verdicts of boards against a profile; exit 1 when a need fails, 3 when
 *  nothing fails but a need could not be judged (for CI). A --board without results that is a
 *  catalogue part is predicted from the measured boards instead. */
export function check(argv: string[], io: Io = stdio, ctx: CheckContext = {}): Promise<number> {
  return guarded(io, USAGE.check, () => {
    const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, json: { type: 'boolean' } } });
    if (v.help) { io.out(USAGE.check); return EXIT.ok; }
    if (!v.requirements) { io.err(`capmark: --requirements is required\n${USAGE.check}`); return EXIT.usage; }
    const profile = requirementProfile(v.requirements);
    const dir = v.results ?? RESULTS;
    const catalogue = ctx.catalogue ?? loadCatalogue(v.parts);
    const measuredIds = (v.board ?? []).filter((b) => existsSync(join(dir, `${b}.json`)));
    const partIds = (v.board ?? []).filter((b) => !measuredIds.includes(b));
    const parts = partIds.map((id) => catalogue.find((e) => e.id === id) ?? unknownBoard(id, dir));
    let results: ResultsFile[] = [];
    if (positionals.length || measuredIds.length || !parts.length) {
      const loaded = loadInputs(io, USAGE.check, { results: dir, board: measuredIds }, positionals);
      if (!loaded) return EXIT.usage;
      results = loaded;
    }
    const c = { catalogue, ...ctx };
    const predicted = parts.length ? predictParts(profile, parts, loadResults(allResults(dir)), c) : [];
    const verdicts = [...checkRequirements(profile, results, c), ...predicted.flatMap((r) => r.verdicts)];
    if (v.json) io.out(JSON.stringify(verdicts, null, 2));
    else {
      io.out(terminalTable(verdicts));
      const capability = [...results.map((r) => `  ${r.board}: ${r.capability.verdict}`),
        ...predicted.map((r) => `  ${r.board}: ${r.agent.verdict} (catalogue part ${r.predicted_from ? `predicted from ${r.predicted_from}` : 'not predicted'}; ${parts.find((e) => e.id === r.board)!.file})`)];
      io.out(['', "Capability of capmark's profiling agent (a fact about profiling, not a product need):", ...capability].join('\n'));
    }
    return EXIT_OF[overallStatus(verdicts)];
  });
}

function unknownBoard(id: string, dir: string): never {
  throw new CapmarkError('UNKNOWN_BOARD', `no results for "${id}" (${join(dir, `${id}.json`)}) and no catalogue part "${id}": run capmark profile --board ${id}, or pass your part's file with --parts`);
}

/** One line per part: rank, status, what the product would run on it, and why not when it fails. */
function rankLine(r: Recommendation, i: number): string {
  const mem = r.ram_bytes === undefined ? '' : ` RAM ${bytes(r.ram_bytes)}${r.ram_limit_bytes ? ` of ${bytes(r.ram_limit_bytes)}` : ''};`;
  const flash = r.flash_bytes === undefined ? '' : ` flash ${bytes(r.flash_bytes)}${r.flash_limit_bytes ? ` of ${bytes(r.flash_limit_bytes)}` : ''};`;
  const band = r.daily_energy_band ? ` (${bandText(r.daily_energy_band)})` : '';
  const energy = r.daily_energy_mj === undefined ? '' : ` ${r.daily_energy_mj.toFixed(1)} mJ/day${band}${r.battery_share_pct === undefined ? '' : ` (${percent(r.battery_share_pct)} of battery)`};`;
  return `${String(i + 1).padStart(2)}. ${r.name} [${r.board}] ${r.status.toUpperCase()} ${r.passed}/${r.total}, $${r.price_band_usd},${energy}${mem}${flash}\n      ${r.summary}`;
}

/** `capmark recommend`: the catalogue ranked for a profile, predicted from measured cores. */
export function recommend(argv: string[], io: Io = stdio, ctx: CheckContext = {}): Promise<number> {
  return guarded(io, USAGE.recommend, () => {
    const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, top: { type: 'string' }, json: { type: 'boolean' } } });
    if (v.help) { io.out(USAGE.recommend); return EXIT.ok; }
    if (!v.requirements) { io.err(`capmark: --requirements is required\n${USAGE.recommend}`); return EXIT.usage; }
    const top = v.top === undefined ? Infinity : integerIn('--top', v.top, 1, Infinity);
    const profile = requirementProfile(v.requirements);
    const results = loadInputs(io, USAGE.recommend, v, positionals);
    if (!results) return EXIT.usage;
    const catalogue = ctx.catalogue ?? loadCatalogue(v.parts);
    const recs = rank(profile, catalogue, results, { catalogue, ...ctx });
    if (v.json) { io.out(JSON.stringify(recs.slice(0, top), null, 2)); return EXIT.ok; }
    io.out(`Catalogue ranked for ${profile.name} (${profile.first_ship_year}-${profile.first_ship_year + profile.support_years - 1}, ${profile.policy.frameworks.join(', ')})`);
    io.out('by status, needs met, on-chip radio, crypto energy per day, then price; times and energy predicted from measured virtual boards:');
    recs.slice(0, top).forEach((r, i) => io.out(rankLine(r, i)));
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
    const catalogue = ctx.catalogue ?? loadCatalogue(v.parts);
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
  const status = overallStatus(verdicts);
  const word = { pass: 'PASSES', fail: 'FAILS', incomplete: 'is INCOMPLETE for' }[status];
  const lines = [terminalTable(verdicts), '',
    `Verdict: ${results.board} ${word} ${profile.name} (${verdicts.filter((x) => x.status === 'pass').length}/${verdicts.length} checks pass)`,
    `Report: ${paths.html}`];
  return { lines, passed: status === 'pass', verdicts, paths };
}

const SCHEMAS: Record<string, object> = {
  requirements: requirementProfileSchema, catalogue: catalogueEntrySchema, power: powerModelSchema, results: resultsSchema,
  policy: frameworkSchema, published: publishedSchema,
};

/** `capmark schema <name>`: the JSON schema a data file is checked against, for users' editors. */
export async function schema(argv: string[], io: Io = stdio): Promise<number> {
  const found = SCHEMAS[argv[0] ?? ''];
  if (!found) { io.err(`capmark: unknown schema "${argv[0] ?? ''}"\n${USAGE.schema}`); return EXIT.usage; }
  io.out(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...found }, null, 2));
  return EXIT.ok;
}
