// The agent in Node's WebAssembly, spoken to through the same protocol as a board: a Link
// whose bytes go to agent_rx and whose answers come from the board.write import. Used for
// protocol tests and as the host baseline. The Node side of the board contract lives here.
import { readFileSync } from 'node:fs';
import { createHash, randomFillSync } from 'node:crypto';
import type { Link } from '../protocol/client.ts';

export interface NodeBoardOptions {
  /** key=value;... reported by board_info. */
  info?: string;
  /** Random bytes for the `random` import; absent = no TRNG (the import returns -1). */
  random?: (out: Uint8Array) => void;
  /** The device secret (DICE UDS) the `uds` import hands out once; default 32 x 0x5a. */
  uds?: Uint8Array;
  /** The "firmware image" the `image_*` imports expose for measurement. */
  image?: Uint8Array;
  /** Whether the debug port is open (the DICE mode: debug by default, like the virtual boards). */
  debug?: boolean;
}

/** The "board" imports implemented in Node. `memory()` is read lazily (set after instantiate). */
export function nodeBoardImports(memory: () => WebAssembly.Memory, write: (bytes: Uint8Array) => void, opts: NodeBoardOptions = {}) {
  const bytes = (ptr: number, len: number) => new Uint8Array(memory().buffer, ptr, len);
  let udsRead = false;
  const image = opts.image ?? new TextEncoder().encode('capmark in-process agent (no firmware image)');
  const info = Buffer.from(opts.info ?? 'board=node;runtime=node-webassembly;counter=none;counter_hz=0;trng=1');
  return {
    write(ptr: number, len: number) { write(bytes(ptr, len).slice()); },
    bench_begin() {},
    bench_end() { return 0; },
    stack_used() { return 0; },
    board_info(ptr: number, cap: number) {
      const n = Math.min(cap, info.length);
      bytes(ptr, n).set(info.subarray(0, n));
      return n;
    },
    random(ptr: number, len: number) {
      if (!opts.random) return -1;
      opts.random(bytes(ptr, len));
      return 0;
    },
    uds(ptr: number, len: number) {
      if (udsRead || len !== 32) return -1;
      udsRead = true;
      bytes(ptr, 32).set(opts.uds ?? new Uint8Array(32).fill(0x5a));
      return 0;
    },
    image_size() { return image.length; },
    image_read(offset: number, ptr: number, len: number) {
      const part = image.subarray(offset, offset + len);
      bytes(ptr, part.length).set(part);
      return part.length;
    },
    boot_count() { return 1; },
    debug_enabled() { return opts.debug === false ? 0 : 1; },
    native_sha256(input: number, len: number, out: number) {
      bytes(out, 32).set(createHash('sha256').update(bytes(input, len)).digest());
      return 0;
    },
  };
}

export async function instantiateAgent(wasmPath: string, write: (bytes: Uint8Array) => void, opts: NodeBoardOptions = {}) {
  let memory!: WebAssembly.Memory;
  const board = nodeBoardImports(() => memory, write, { random: (o) => randomFillSync(o), ...opts });
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { board });
  const exports = instance.exports as Record<string, any>;
  memory = exports.memory;
  exports.agent_init();
  return exports;
}

/** A Link to an agent running in this process. */
export async function inProcessLink(wasmPath: string, opts: NodeBoardOptions = {}): Promise<Link> {
  const listeners: ((chunk: Uint8Array) => void)[] = [];
  const exports = await instantiateAgent(wasmPath, (b) => queueMicrotask(() => listeners.forEach((l) => l(b))), opts);
  return {
    description: 'in-process agent',
    async write(bytes) { for (const b of bytes) exports.agent_rx(b); },
    onData(l) { listeners.push(l); },
    async close() {},
  };
}
