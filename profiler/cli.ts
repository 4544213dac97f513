// The capmark command line. Each command validates its arguments, runs, and returns an exit
// code; a CapmarkError is printed as its message alone (no stack trace for user mistakes).
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BOARD, boardById, loadBoards } from './boards/index.ts';
import { CORES } from './build/index.ts';
import { buildCommand, BUILD_HELP } from './commands/build.ts';
import { agentOf, loadProduct } from './product/index.ts';
import { CapmarkError, isCapmarkError } from './errors.ts';
import { profileSerialBoard, profileVirtualBoard } from './profile/index.ts';
import { resultsTable } from './profile/table.ts';
import { progressBar } from './util/progress.ts';
import { resultsPath } from './results/store.ts';
import { boardFacts, loadCatalogue, type BoardFacts } from './catalogue/index.ts';
import { check, recommend, report, schema, verdictEpilogue, DEFAULT_PROFILE } from './commands/verdicts.ts';
import { BAUD, ITERATIONS, integerIn, kernelNames, outputFile, requirementProfile, serialPort } from './commands/args.ts';
import { attestCommand, ATTEST_HELP } from './commands/attest.ts';
import { gatewayCommand, verifierCommand, MQTT_HELP } from './commands/mqtt.ts';
import { ctCommand, CT_HELP } from './commands/ct.ts';

const HELP = `capmark — can this microcontroller run the security your device needs?

  capmark boards                          list the virtual boards
  capmark profile [--board <id>]          profile a virtual board in QEMU (default ${DEFAULT_BOARD})
  capmark profile --port <path> --baud <n> --board <id>
                                          profile a real board on a serial port (<id>: a virtual
                                          board or a catalogue part, e.g. nrf52840)
      --kernels a,b   only these kernels    --iterations n    runs per measurement (1-64)
      --agent <name>  a per-product agent from capmark build --requirements/--kernels
      --out <file>    results file (default results/<board>.json)
      --resume        continue the interrupted run saved in the results file
      --requirements <profile>  product profile for the closing verdict (default ${DEFAULT_PROFILE})
  capmark check --requirements <profile> [--board <id>]... [results files]
                                          verdicts per need; --board takes a measured board or a
                                          catalogue part (predicted from the measured boards)
                                          exit 0 pass, 1 a need fails, 2 usage/data error,
                                          3 incomplete: nothing fails but a need could not be
                                          judged (core not covered, a figure missing from results)
  capmark recommend --requirements <profile> [--top n]
                                          rank the board catalogue for a product
      --parts <dir|file>  your own catalogue files, used like shipped parts (check, recommend, report)
  capmark report [--requirements <profile>] [--catalogue] [--out dir]
                                          text, Markdown, CSV and HTML reports
  capmark schema <requirements|catalogue|power|results|policy|published>
                                          print a JSON schema for your own data files
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async boards() {
    for (const b of loadBoards()) {
      const twin = b.twin_of ? `  [model of ${b.twin_of}]` : '';
      console.log(`${b.id.padEnd(19)} ${b.core.padEnd(13)} ${(CORES[b.core]?.isa ?? '?').padEnd(18)} ${(b.clock_hz / 1e6).toString().padStart(4)} MHz  RAM ${(b.ram_bytes / 1024).toString().padStart(5)} KiB  flash ${(b.flash_bytes / 1024).toString().padStart(5)} KiB  ${b.name}${twin}`);
    }
    return 0;
  },

  build: (args) => buildCommand(args),

  async profile(args) {
    const { values } = parseArgs({ args, options: {
      board: { type: 'string' }, port: { type: 'string' }, baud: { type: 'string' }, kernels: { type: 'string' },
      iterations: { type: 'string' }, out: { type: 'string' }, requirements: { type: 'string' }, resume: { type: 'boolean' }, agent: { type: 'string' },
    } });
    // Every argument is checked before the build, QEMU and a profile that may run for minutes.
    const kernels = values.kernels === undefined ? undefined : kernelNames(values.kernels);
    const iterations = values.iterations === undefined ? undefined : integerIn('--iterations', values.iterations, ITERATIONS.min, ITERATIONS.max);
    const profile = requirementProfile(values.requirements ?? DEFAULT_PROFILE);
    const boardId = values.board ?? DEFAULT_BOARD;
    let real: { port: string; baud: number; facts: BoardFacts } | undefined;
    // A real board runs whatever was flashed; its HELLO says which kernels that is.
    if (values.agent !== undefined && values.port) throw new CapmarkError('USAGE', '--agent builds and runs a per-product agent in QEMU; on a real board (--port) the flashed image\'s HELLO says what it holds');
    const agent = values.agent === undefined ? undefined : agentOf(loadProduct(values.agent));
    if (values.port) {
      if (!values.board) throw new CapmarkError('USAGE', '--port needs --board <id> (the board\'s core and clock give cycles and time)');
      const baud = values.baud === undefined ? 115200 : integerIn('--baud', values.baud, BAUD.min, BAUD.max);
      // A real board is a virtual board's twin or a catalogue part: its core and clock give cycles and time.
      const facts = boardFacts(boardId, loadCatalogue());
      if (!facts) throw new CapmarkError('UNKNOWN_BOARD', `no board "${boardId}" in boards/virtual or boards/catalogue (capmark boards lists the virtual ones)`);
      real = { port: serialPort(values.port), baud, facts };
    } else {
      if (values.baud !== undefined) throw new CapmarkError('USAGE', '--baud applies to a real board on --port');
      boardById(boardId);
    }
    const common = {
      kernels, iterations, out: outputFile('--out', values.out ?? resultsPath(boardId)), resume: values.resume,
      log: (l: string) => console.error(l), onProgress: progressBar(),
    };
    const outcome = real ? await profileSerialBoard(real.port, real.baud, real.facts, common) : await profileVirtualBoard(boardId, { ...common, agent });
    console.log(resultsTable(outcome.results));
    console.log(`results: ${outcome.file}`);
    if (outcome.results.status === 'partial') console.log(`partial: ${outcome.results.partial_reason} (capmark profile --resume continues)`);
    const verdict = verdictEpilogue(outcome.results, join(dirname(outcome.file), 'reports'), profile);
    console.log(verdict.lines.join('\n'));
    // The verdict is information here; `capmark check` is the command whose exit code gates CI.
    return outcome.results.status === 'partial' || outcome.results.measurements.some((m) => m.status === 'failed') ? 1 : 0;
  },

  check: (args) => check(args),
  recommend: (args) => recommend(args),
  report: (args) => report(args),
  schema: (args) => schema(args),
  attest: (args) => attestCommand(args),
  gateway: (args) => gatewayCommand(args),
  verifier: (args) => verifierCommand(args),
  ct: (args) => ctCommand(args),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') { console.log(`${HELP}${BUILD_HELP}${CT_HELP}${ATTEST_HELP}${MQTT_HELP}`); return 0; }
  const command = commands[name];
  if (!command) { console.error(`capmark: unknown command "${name}"\n\n${HELP}`); return 2; }
  try {
    return await command(rest);
  } catch (e) {
    if (isCapmarkError(e)) { console.error(`capmark ${name}: ${e.message}`); return 2; }
    if ((e as any)?.code?.startsWith?.('ERR_PARSE_ARGS')) { console.error(`capmark ${name}: ${(e as Error).message}\n\n${HELP}`); return 2; }
    // A file the system refused (permissions, a full disk): the message, not a stack trace.
    if (typeof (e as NodeJS.ErrnoException)?.syscall === 'string') { console.error(`capmark ${name}: ${(e as Error).message}`); return 2; }
    throw e;
  }
}
