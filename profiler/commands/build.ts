// `capmark build`: the full agent and its firmware for every (or the named) virtual board, or a
// per-product agent (--requirements <profile> | --kernels a,b) with its exact flash and RAM.
import { parseArgs } from 'node:util';
import { DEFAULT_BOARD, boardById, loadBoards } from '../boards/index.ts';
import { buildAll, buildWasm, type FirmwareManifest } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { agentOf, kernelsForRequirements, kernelsNamed, planProduct, type Product } from '../product/index.ts';
import { readResults, resultsPath } from '../results/store.ts';
import { kernelNames, requirementProfile } from './args.ts';

export const BUILD_HELP = `  capmark build [--board <id>]...         build the agent and the firmware (default: all boards)
  capmark build --wasm-only               build only build/agent.wasm
  capmark build --requirements <profile> [--board <id>] [--results <file>]
                                          a per-product agent with only the kernels the verdict
                                          chooses for the profile on the board's results (default
                                          results/<board>.json), attestation if the profile asks
  capmark build --kernels a,b [--board <id>]... [--name <name>] [--results <file>]
                                          a per-product agent with these kernels (its stack sized
                                          to their stack in the results when given)
      per-product agents go to build/agents/<name>/ (name: the profile id, or --name); run them
      with capmark profile --agent <name> and capmark attest --agent <name>
`;

const line = (fw: FirmwareManifest) => {
  if (!fw.fit.hostable) return `${fw.board}: cannot host the agent, short by ${fw.fit.shortfall_bytes} B of ${fw.fit.short_of ?? 'RAM'}`;
  const m = fw.memory;
  return m ? `${fw.board}: ${fw.elf}\n  flash ${m.flash_bytes} B, RAM ${m.ram_bytes} B (linear memory ${m.linear_memory_bytes} B, stack ${m.stack_bytes} B, firmware data ${m.ram_bytes - m.linear_memory_bytes - m.stack_bytes} B); exact, from the ELF's sections (${fw.compiler}, ${fw.cflags.split(' ').filter((f) => /^-(m|O)/.test(f)).join(' ')})`
    : `${fw.board}: ${fw.elf} (${fw.text_bytes} B code, ${fw.fit.linear_memory_bytes} B linear memory)`;
};

export async function buildCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    board: { type: 'string', multiple: true }, 'wasm-only': { type: 'boolean' },
    requirements: { type: 'string' }, kernels: { type: 'string' }, results: { type: 'string' }, name: { type: 'string' },
  } });
  if (values['wasm-only']) { console.log(buildWasm()); return 0; }
  const all = loadBoards();
  const product = values.requirements !== undefined || values.kernels !== undefined;
  if (!product && (values.results !== undefined || values.name !== undefined)) throw new CapmarkError('USAGE', '--results and --name apply to a per-product build (--requirements or --kernels)');
  if (values.requirements !== undefined && values.kernels !== undefined) throw new CapmarkError('USAGE', 'give --requirements or --kernels, not both');
  if (values.requirements !== undefined && (values.board?.length ?? 0) > 1) throw new CapmarkError('USAGE', '--requirements builds for one board: the verdict chooses from that board\'s results');
  const boards = values.board ? values.board.map((id) => boardById(id, all)) : product ? [boardById(DEFAULT_BOARD, all)] : all;
  if (!product) {
    const { firmware } = await buildAll(boards, 'mask', (l) => console.error(l));
    for (const fw of firmware.values()) console.log(line(fw));
    return 0;
  }
  let p: Product;
  if (values.requirements !== undefined) {
    const profile = requirementProfile(values.requirements);
    const file = values.results ?? resultsPath(boards[0].id);
    const results = readResults(file);
    if (results.board !== boards[0].id) throw new CapmarkError('USAGE', `${file} holds results of ${results.board}, not ${boards[0].id}`);
    const { kernels, notes } = kernelsForRequirements(profile, results);
    p = await planProduct(values.name ?? profile.id, kernels, { requirements: profile.id, results, resultsFile: file, notes });
  } else {
    const names = kernelNames(values.kernels!);
    // Results, when given, size the stack to the kernels' measured stack.
    const results = values.results === undefined ? undefined : readResults(values.results);
    p = await planProduct(values.name ?? names.join('+').slice(0, 80), kernelsNamed(names), { results, resultsFile: values.results });
  }
  console.log(`agent ${p.name}: ${p.devices.join(', ')}`);
  for (const n of p.notes) console.log(`  ${n}`);
  const { firmware } = await buildAll(boards, 'mask', (l) => console.error(l), agentOf(p));
  for (const fw of firmware.values()) console.log(line(fw));
  console.log(`profile it: capmark profile --agent ${p.name} --board ${boards[0].id}; attest: capmark attest --agent ${p.name} --board ${boards[0].id}`);
  return 0;
}
