// The capmark command line. Each command validates its arguments, runs, and returns an exit
// code; a CapmarkError is printed as its message alone (no stack trace for user mistakes).
import { parseArgs } from 'node:util';
import { DEFAULT_BOARD, boardById, loadBoards } from './boards/index.ts';
import { buildAll } from './build/index.ts';
import { buildWasm } from './build/wasm.ts';
import { CapmarkError, isCapmarkError } from './errors.ts';
import { profileSerialBoard, profileVirtualBoard } from './profile/index.ts';
import { resultsTable } from './profile/table.ts';
import { progressBar } from './util/progress.ts';
import { boardFacts, loadCatalogue } from './catalogue/index.ts';
import { check, recommend, report, schema, verdictEpilogue, DEFAULT_PROFILE } from './commands/verdicts.ts';
import { attestCommand, ATTEST_HELP } from './commands/attest.ts';
import { gatewayCommand, verifierCommand, MQTT_HELP } from './commands/mqtt.ts';

const HELP = `capmark — can this microcontroller run the security your device needs?

  capmark boards                          list the virtual boards
  capmark build [--board <id>]...         build the agent and the firmware (default: all boards)
  capmark build --wasm-only               build only build/agent.wasm
  capmark profile [--board <id>]          profile a virtual board in QEMU (default ${DEFAULT_BOARD})
  capmark profile --port <path> --baud <n> --board <id>
                                          profile a real board on a serial port (<id>: a virtual
                                          board or a catalogue part, e.g. nrf52840)
      --kernels a,b   only these kernels    --iterations n    runs per measurement
      --out <file>    results file (default results/<board>.json)
      --resume        continue the interrupted run saved in the results file
      --requirements <profile>  product profile for the closing verdict (default ${DEFAULT_PROFILE})
  capmark check --requirements <profile> [--board <id>]... [results files]
                                          verdicts; exits 1 when a board fails a need
  capmark recommend --requirements <profile> [--top n]
                                          rank the board catalogue for a product
  capmark report [--requirements <profile>] [--catalogue] [--out dir]
                                          text, Markdown, CSV and HTML reports
  capmark schema <requirements|catalogue|power|results>
                                          print a JSON schema for your own data files
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async boards() {
    for (const b of loadBoards()) {
      console.log(`${b.id.padEnd(14)} ${b.core.padEnd(11)} ${(b.clock_hz / 1e6).toString().padStart(4)} MHz  RAM ${(b.ram_bytes / 1024).toString().padStart(5)} KiB  flash ${(b.flash_bytes / 1024).toString().padStart(5)} KiB  ${b.name}`);
    }
    return 0;
  },

  async build(args) {
    const { values } = parseArgs({ args, options: { board: { type: 'string', multiple: true }, 'wasm-only': { type: 'boolean' } } });
    if (values['wasm-only']) { console.log(buildWasm()); return 0; }
    const all = loadBoards();
    const boards = values.board ? values.board.map((id) => boardById(id, all)) : all;
    const { firmware } = await buildAll(boards, 'mask', (l) => console.error(l));
    for (const [id, fw] of firmware) {
      console.log(fw.fit.hostable ? `${id}: ${fw.elf} (${fw.text_bytes} B code, ${fw.fit.linear_memory_bytes} B linear memory)`
        : `${id}: cannot host the agent, short by ${fw.fit.shortfall_bytes} B of RAM`);
    }
    return 0;
  },

  async profile(args) {
    const { values } = parseArgs({ args, options: {
      board: { type: 'string' }, port: { type: 'string' }, baud: { type: 'string' }, kernels: { type: 'string' },
      iterations: { type: 'string' }, out: { type: 'string' }, requirements: { type: 'string' }, resume: { type: 'boolean' },
    } });
    const common = {
      kernels: values.kernels?.split(',').map((s) => s.trim()).filter(Boolean),
      iterations: values.iterations ? positive('--iterations', values.iterations) : undefined,
      out: values.out, resume: values.resume, log: (l: string) => console.error(l), onProgress: progressBar(),
    };
    let outcome;
    if (values.port) {
      if (!values.board) throw new CapmarkError('USAGE', '--port needs --board <id> (the board\'s core and clock give cycles and time)');
      const baud = values.baud ? positive('--baud', values.baud) : 115200;
      // A real board is a virtual board's twin or a catalogue part: its core and clock give cycles and time.
      const facts = boardFacts(values.board, loadCatalogue());
      if (!facts) throw new CapmarkError('UNKNOWN_BOARD', `no board "${values.board}" in boards/virtual or boards/catalogue (capmark boards lists the virtual ones)`);
      outcome = await profileSerialBoard(values.port, baud, facts, common);
    } else {
      outcome = await profileVirtualBoard(values.board ?? DEFAULT_BOARD, common);
    }
    console.log(resultsTable(outcome.results));
    console.log(`results: ${outcome.file}`);
    if (outcome.results.status === 'partial') console.log(`partial: ${outcome.results.partial_reason} (capmark profile --resume continues)`);
    const verdict = verdictEpilogue(outcome.results, undefined, values.requirements ?? DEFAULT_PROFILE);
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
};

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CapmarkError('USAGE', `${flag} must be a positive integer, got "${v}"`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') { console.log(`${HELP}${ATTEST_HELP}${MQTT_HELP}`); return 0; }
  const command = commands[name];
  if (!command) { console.error(`capmark: unknown command "${name}"\n\n${HELP}`); return 2; }
  try {
    return await command(rest);
  } catch (e) {
    if (isCapmarkError(e)) { console.error(`capmark ${name}: ${e.message}`); return 2; }
    if ((e as any)?.code?.startsWith?.('ERR_PARSE_ARGS')) { console.error(`capmark ${name}: ${(e as Error).message}\n\n${HELP}`); return 2; }
    throw e;
  }
}
