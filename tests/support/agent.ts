// Loads build/agent.wasm into Node's WebAssembly with a Node implementation of the board
// contract, and runs kernels in-process by name: the fast path for kernel tests.
import { existsSync } from 'node:fs';
import { WASM_PATH } from '../../profiler/build/wasm.ts';
import { parseKernelTable } from '../../profiler/protocol/messages.ts';
import { instantiateAgent } from '../../profiler/transport/inprocess.ts';

export { WASM_PATH };

export interface KernelResult { status: number; output: Uint8Array }

export interface InProcessAgent {
  /** kernel name -> { id, ops: op name -> op id } from the device registry table. */
  table: Map<string, { id: number; ops: string[] }>;
  run(kernel: string, op: string, input: Uint8Array): KernelResult;
  /** Same, with input and output placed in the upper half of linear memory, for inputs
   *  larger than the agent's input buffer (up to a quarter of linear memory). */
  runLarge(kernel: string, op: string, input: Uint8Array, outCap?: number): KernelResult;
  memory: WebAssembly.Memory;
  exports: Record<string, any>;
}

/** The device table as name -> { wire id, op names } (parsed as the profiler parses HELLO). */
const tableByName = (table: string) => new Map(parseKernelTable(table).map((k, id) => [k.name, { id, ops: k.ops }]));

function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  const bytes = new DataView(memory.buffer).getUint32(ptr - 4, true);
  return Buffer.from(memory.buffer, ptr, bytes).toString('utf16le');
}

/** The agent module at `wasm` (the full agent by default) with a Node board. */
export async function loadAgent(randomSource?: (n: number) => Uint8Array, wasm = WASM_PATH): Promise<InProcessAgent> {
  if (!existsSync(wasm)) throw new Error(`${wasm} missing: run npx capmark build --wasm-only`);
  const e = await instantiateAgent(wasm, () => {}, {
    info: 'board=node;runtime=node-webassembly',
    random: randomSource ? (out) => out.set(randomSource(out.length)) : undefined,
  });
  const memory = e.memory as WebAssembly.Memory;
  const bytes = (ptr: number, len: number) => new Uint8Array(memory.buffer, ptr, len);
  const table = tableByName(readAsString(memory, e.kernel_table()));
  const ids = (kernel: string, op: string) => {
    const k = table.get(kernel);
    if (!k) throw new Error(`kernel ${kernel} not in the agent's table`);
    const opId = k.ops.indexOf(op);
    if (opId < 0) throw new Error(`kernel ${kernel} has no op ${op} (has ${k.ops.join(', ')})`);
    return [k.id, opId];
  };
  const result = (status: number, outPtr: number) =>
    ({ status, output: status > 0 ? bytes(outPtr, status).slice() : new Uint8Array(0) });
  return {
    table, memory, exports: e,
    run(kernel, op, input) {
      const [k, o] = ids(kernel, op);
      if (input.length > e.io_input_cap()) throw new Error(`input ${input.length} B > input capacity ${e.io_input_cap()} B`);
      bytes(e.io_input(), input.length).set(input);
      return result(e.kernel_run(k, o, input.length), e.io_output());
    },
    runLarge(kernel, op, input, outCap = 65536) {
      const [k, o] = ids(kernel, op);
      const size = memory.buffer.byteLength, inPtr = size / 2, outPtr = inPtr + size / 4;
      if (input.length > size / 4 || outCap > size / 4) throw new Error(`input ${input.length} B too large for in-process run`);
      bytes(inPtr, input.length).set(input);
      return result(e.kernel_run_at(k, o, inPtr, input.length, outPtr, outCap), outPtr);
    },
  };
}
