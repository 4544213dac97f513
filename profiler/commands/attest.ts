// `capmark attest`: one attestation round with a virtual board (built and launched in QEMU)
// or a real board on a serial port; prints the attestation result (EAR JSON) and exits 0 when
// it is affirming, 1 otherwise.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { boardById, DEFAULT_BOARD, loadBoards } from '../boards/index.ts';
import { buildAll } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { AgentClient, type Link } from '../protocol/client.ts';
import { launchVirtualBoard } from '../qemu/launch.ts';
import { openSerial } from '../transport/serial.ts';
import { BUILD } from '../util/paths.ts';
import { KEY_TYPES } from '../attest/eat.ts';
import { referenceFromBuild } from '../attest/reference.ts';
import { writeSbom } from '../attest/sbom.ts';
import { attestOnce, type AttestOutcome } from '../attest/session.ts';
import { VerifierStore } from '../attest/store.ts';
import { statusOf, Verifier } from '../attest/verifier.ts';

export const ATTEST_HELP = `  capmark attest [--board <id>]           attest a virtual board in QEMU (default ${DEFAULT_BOARD})
  capmark attest --port <path> --board <id> [--baud n]
                                          attest a real board flashed with build/fw/<id>.bin
      --key ed25519   key type             --state <file>   verifier state (default build/attest/verifier.json)
      --allow-debug   accept an open debug port (default for virtual boards)
      --no-enrol      refuse devices not enrolled yet    --out <file>   write the result JSON here
`;

export const DEFAULT_STATE = join(BUILD, 'attest', 'verifier.json');

/** Connects a link, handshakes, runs one round, closes. */
async function overLink(link: Link, close: () => Promise<void>, run: (t: { client: AgentClient; hello: Awaited<ReturnType<AgentClient['hello']>> }) => Promise<AttestOutcome>) {
  const client = new AgentClient(link);
  try { return await run({ client, hello: await client.hello() }); } finally { await client.close().catch(() => {}); await close().catch(() => {}); }
}

export async function attestCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    board: { type: 'string' }, port: { type: 'string' }, baud: { type: 'string' }, key: { type: 'string' },
    state: { type: 'string' }, 'allow-debug': { type: 'boolean' }, 'no-enrol': { type: 'boolean' }, out: { type: 'string' },
  } });
  const key = (values.key ?? 'ed25519') as keyof typeof KEY_TYPES;
  if (!(key in KEY_TYPES)) throw new CapmarkError('USAGE', `--key must be one of ${Object.keys(KEY_TYPES).join(', ')}, got "${values.key}"`);
  if (values.port && !values.board) throw new CapmarkError('USAGE', '--port needs --board <id> (its build gives the reference values)');
  const board = boardById(values.board ?? DEFAULT_BOARD, loadBoards());
  const virtual = !values.port;
  const verifier = new Verifier({ store: new VerifierStore(values.state ?? DEFAULT_STATE), allowDebug: values['allow-debug'] ?? virtual });
  const common = { verifier, keyType: key, enrol: !values['no-enrol'] };

  let outcome: AttestOutcome;
  if (virtual) {
    const { firmware } = buildAll([board], 'mask', (l) => console.error(l));
    const fw = firmware.get(board.id)!;
    if (!fw.fit.hostable) throw new CapmarkError('NOT_HOSTABLE', `${board.id} cannot host the agent (short by ${fw.fit.shortfall_bytes} B of RAM)`);
    console.error(`sbom: ${writeSbom(board.id)}`);
    const reference = referenceFromBuild(board.id);
    const vb = await launchVirtualBoard(board, fw);
    outcome = await overLink(vb.link, () => vb.stop(), (t) => attestOnce(t, { ...common, reference }));
  } else {
    const reference = referenceFromBuild(board.id);
    const baud = values.baud ? Number(values.baud) : 115200;
    if (!Number.isInteger(baud) || baud <= 0) throw new CapmarkError('USAGE', `--baud must be a positive integer, got "${values.baud}"`);
    const link = await openSerial(values.port!, baud);
    outcome = await overLink(link, () => link.close(), (t) => attestOnce(t, { ...common, reference }));
  }
  const json = `${JSON.stringify(outcome.result, null, 2)}\n`;
  if (values.out) writeFileSync(values.out, json);
  console.log(json);
  return statusOf(outcome.result) === 'affirming' ? 0 : 1;
}
