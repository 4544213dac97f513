// `capmark attest`: one attestation round with a virtual board (built and launched in QEMU)
// or a real board on a serial port; prints the attestation result (EAR JSON) and exits 0 when
// it is affirming, 1 otherwise.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { boardById, DEFAULT_BOARD, loadBoards, type Board } from '../boards/index.ts';
import { buildAll } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { AgentClient, type Link } from '../protocol/client.ts';
import { launchVirtualBoard } from '../qemu/launch.ts';
import { openSerial } from '../transport/serial.ts';
import { BUILD } from '../util/paths.ts';
import { KEY_TYPES, type KeyTypeName } from '../attest/eat.ts';
import { referenceFromBuild } from '../attest/reference.ts';
import { writeSbom } from '../attest/sbom.ts';
import { BAUD, integerIn, outputFile, serialPort } from './args.ts';
import { attestOnce, type AttestOutcome, type AttestTarget } from '../attest/session.ts';
import { VerifierStore } from '../attest/store.ts';
import { statusOf, Verifier, type ReferenceValues } from '../attest/verifier.ts';

export const ATTEST_HELP = `  capmark attest [--board <id>]           attest a virtual board in QEMU (default ${DEFAULT_BOARD})
  capmark attest --port <path> --board <id> [--baud n]
                                          attest a real board flashed with build/fw/<id>.bin
      --key ed25519|p256|ml-dsa-65   DeviceID/Alias key type (default ed25519)
      --state <file>  verifier state (default build/attest/verifier.json)
      --allow-debug   accept an open debug port (default for virtual boards)
      --no-enrol      refuse devices not enrolled yet    --out <file>   write the result JSON here
`;

export const DEFAULT_STATE = join(BUILD, 'attest', 'verifier.json');

export interface OpenTarget { target: AttestTarget; reference: ReferenceValues; board: Board; close(): Promise<void> }

export interface TargetArgs { board: Board; port?: string; baud: number }

/** The target's arguments checked, before anything is built, launched or connected. */
export function targetArgs(boardId: string | undefined, port?: string, baudText?: string): TargetArgs {
  if (port && !boardId) throw new CapmarkError('USAGE', '--port needs --board <id> (its build gives the reference values)');
  const board = boardById(boardId ?? DEFAULT_BOARD, loadBoards());
  if (!port && baudText !== undefined) throw new CapmarkError('USAGE', '--baud applies to a real board on --port');
  const baud = baudText === undefined ? 115200 : integerIn('--baud', baudText, BAUD.min, BAUD.max);
  return { board, port: port === undefined ? undefined : serialPort(port), baud };
}

/** A virtual board (built, SBOM written, launched in QEMU) or a real board on a serial port,
 *  handshaken, with the reference values of its build. */
export async function openTarget({ board, port, baud }: TargetArgs): Promise<OpenTarget> {
  let link: Link, stop: () => Promise<void>;
  if (!port) {
    const { firmware } = await buildAll([board], 'mask', (l) => console.error(l));
    const fw = firmware.get(board.id)!;
    if (!fw.fit.hostable) throw new CapmarkError('NOT_HOSTABLE', `${board.id} cannot host the agent (short by ${fw.fit.shortfall_bytes} B of ${fw.fit.short_of ?? 'RAM'})`);
    console.error(`sbom: ${writeSbom(board.id)}`);
    const vb = await launchVirtualBoard(board, fw);
    link = vb.link; stop = () => vb.stop();
  } else {
    const serial = await openSerial(port, baud);
    link = serial; stop = () => serial.close();
  }
  const client = new AgentClient(link);
  const close = async () => { await client.close().catch(() => {}); await stop().catch(() => {}); };
  try {
    return { target: { client, hello: await client.hello() }, reference: referenceFromBuild(board.id), board, close };
  } catch (e) { await close(); throw e; }
}

/** The verifier state (`--state`), checked writable up front: it is rewritten on every challenge. */
export const verifierStore = (state?: string) => new VerifierStore(outputFile('--state', state ?? DEFAULT_STATE));

export const parseKey = (v?: string) => {
  const key = (v ?? 'ed25519') as KeyTypeName;
  if (!(key in KEY_TYPES)) throw new CapmarkError('USAGE', `--key must be one of ${Object.keys(KEY_TYPES).join(', ')}, got "${v}"`);
  return key;
};

export async function attestCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    board: { type: 'string' }, port: { type: 'string' }, baud: { type: 'string' }, key: { type: 'string' },
    state: { type: 'string' }, 'allow-debug': { type: 'boolean' }, 'no-enrol': { type: 'boolean' }, out: { type: 'string' },
  } });
  const key = parseKey(values.key);
  const out = values.out === undefined ? undefined : outputFile('--out', values.out);
  const target = targetArgs(values.board, values.port, values.baud);
  const verifier = new Verifier({ store: verifierStore(values.state), allowDebug: values['allow-debug'] ?? !values.port });
  const t = await openTarget(target);
  let outcome: AttestOutcome;
  try { outcome = await attestOnce(t.target, { verifier, reference: t.reference, keyType: key, enrol: !values['no-enrol'] }); } finally { await t.close(); }
  const json = `${JSON.stringify(outcome.result, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  console.log(json);
  return statusOf(outcome.result) === 'affirming' ? 0 : 1;
}
