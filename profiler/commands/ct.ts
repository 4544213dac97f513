// `capmark ct`: the constant-time check on the virtual boards (profiler/ct); prints each
// board's report, records it in results/<board>.json, and exits 1 when a real op leaks, a
// case fails, or the positive control is not caught.
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { boardById, loadBoards } from '../boards/index.ts';
import { CapmarkError } from '../errors.ts';
import { boardFails, checkBoard, formatBoard, DEFAULT_SECRETS } from '../ct/index.ts';
import { progressBar } from '../util/progress.ts';

export const CT_HELP = `  capmark ct [--board <id>]... [--kernels a,b] [--secrets n] [--dump <dir>] [--out <file>]
                                          constant-time check: trace every secret op with n secrets
                                          (default ${DEFAULT_SECRETS}) on the virtual boards (default: all): trace-equal,
                                          operand-dependent (on this core), allowed-variation or LEAKS;
                                          --dump writes the trace windows around each divergence
`;

export async function ctCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    board: { type: 'string', multiple: true }, kernels: { type: 'string' }, secrets: { type: 'string' },
    dump: { type: 'string' }, out: { type: 'string' },
  } });
  const all = loadBoards();
  const boards = values.board ? values.board.map((id) => boardById(id, all)) : all;
  const kernels = values.kernels?.split(',').map((s) => s.trim()).filter(Boolean);
  const secrets = values.secrets === undefined ? DEFAULT_SECRETS : Number(values.secrets);
  if (!Number.isInteger(secrets) || secrets < 2) throw new CapmarkError('USAGE', `--secrets must be an integer >= 2, got "${values.secrets}"`);
  if (values.out && boards.length !== 1) throw new CapmarkError('USAGE', '--out names one results file: give exactly one --board');
  if (values.dump) mkdirSync(values.dump, { recursive: true });
  let failed = false;
  for (const b of boards) {
    const r = await checkBoard(b.id, { kernels, secrets, dumpDir: values.dump, out: values.out, onProgress: progressBar() });
    console.log(formatBoard(r));
    if (r.file) console.log(`  results: ${r.file} (constant_time)`);
    failed ||= boardFails(r);
  }
  return failed ? 1 : 0;
}
