// The agent in Node's WebAssembly, spoken to through the same protocol as a board: a Link
// whose bytes go to agent_rx and whose answers come from the board.write import. Hosted as
// the firmware hosts it (agent/core/main.c): a trap re-instantiates the module and reports
// TRAPPED. Used for protocol tests, fuzzing (as the oracle of on-device runs) and as the host
// baseline. The Node side of the board contract lives here.
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
  /** Linear memory the board backs (whole pages, e.g. one on a 192 KiB part); default all the
   *  module may grow to. */
  memoryBytes?: number;
}

/** The "board" imports implemented in Node. `memory()` is read lazily (set after instantiate). */
export function nodeBoardImports(memory: () => WebAssembly.Memory, write: (bytes: Uint8Array) => void, opts: NodeBoardOptions = {}) {
  const bytes = (ptr: number, len: number) => new Uint8Array(memory().buffer, ptr, len);
  let udsRead = false;
  const retained = new Map<number, Uint8Array>(); // outlives re-instantiation, as on a board
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
    retain_store(key: number, ptr: number, len: number) {
      if (key > 3 || len > 128) return -1;
      retained.set(key, bytes(ptr, len).slice());
      return 0;
    },
    retain_load(key: number, ptr: number, len: number) {
      const kept = retained.get(key);
      if (!kept) return -1;
      const n = Math.min(len, kept.length);
      bytes(ptr, n).set(kept.subarray(0, n));
      return n;
    },
    boot_count() { return 1; },
    debug_enabled() { return opts.debug === false ? 0 : 1; },
    native_sha256(input: number, len: number, out: number) {
      bytes(out, 32).set(createHash('sha256').update(bytes(input, len)).digest());
      return 0;
    },
  };
}

/** One instance of the agent with the Node board (kernel tests call its exports directly). */
export async function instantiateAgent(wasmPath: string, write: (bytes: Uint8Array) => void, opts: NodeBoardOptions = {}) {
  return (await hostAgent(wasmPath, write, opts)).exports;
}

export interface HostedAgent {
  /** The current instance's exports (a new instance after each trap). */
  readonly exports: Record<string, any>;
  /** Feeds received bytes to agent_rx, recovering from traps as the firmware does. */
  feed(bytes: Uint8Array): void;
  /** Traps recovered from, and the last one's message. */
  readonly traps: number;
  readonly lastTrap?: string;
  /** A fresh instance (after a trap in a direct export call); the board's state stays. */
  restart(): void;
}

const leb = (n: number) => { const out: number[] = []; do { out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0)); n >>>= 7; } while (n); return out; };

/** The module with its memory's maximum lowered to `pages`, as a board's runtime caps it
 *  (agent/runtime: max_pages = min(module's, what the board backs)): agent_init and the
 *  kernels' heap then grow exactly as far as on that board. WebAssembly core spec §5.5.8
 *  (memory section, id 5: vec(memtype)) and §5.3.8 (limits: 0x00 min | 0x01 min max, u32 LEB128). */
function capMemory(wasm: Uint8Array, pages: number): Uint8Array<ArrayBuffer> {
  const readLeb = (at: number) => { let n = 0, shift = 0, b; do { b = wasm[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return { n: n >>> 0, at }; };
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at], size = readLeb(at + 1), end = size.at + size.n;
    if (id === 5) {
      let p = readLeb(size.at).at;   // one memory (count 1)
      const flags = wasm[p++], min = readLeb(p), max = flags & 1 ? readLeb(min.at).n : pages;
      const body = [...leb(1), 0x01, ...leb(Math.min(min.n, pages)), ...leb(Math.min(max, pages))];
      return new Uint8Array([...wasm.subarray(0, at), 5, ...leb(body.length), ...body, ...wasm.subarray(end)]);
    }
    at = end;
  }
  throw new Error('the module declares no memory');
}

/** The agent hosted as agent/core/main.c hosts it: the board's UDS latch and retained memory
 *  belong to the board and survive re-instantiation; the module's own memory does not. */
export async function hostAgent(wasmPath: string, write: (bytes: Uint8Array) => void, opts: NodeBoardOptions = {}): Promise<HostedAgent> {
  const wasm: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(wasmPath));
  const module = await WebAssembly.compile(opts.memoryBytes ? capMemory(wasm, opts.memoryBytes / 65536) : wasm);
  let exports!: Record<string, any>;
  const board = nodeBoardImports(() => exports.memory, write, { random: (o) => randomFillSync(o), ...opts });
  const instantiate = () => {
    exports = new WebAssembly.Instance(module, { board }).exports as Record<string, any>;
    exports.agent_init();
  };
  instantiate();
  let traps = 0, lastTrap: string | undefined;
  return {
    get exports() { return exports; },
    get traps() { return traps; },
    get lastTrap() { return lastTrap; },
    restart: instantiate,
    feed(bytes) {
      for (const b of bytes) {
        try { exports.agent_rx(b); } catch (e) {
          // A WebAssembly trap, or V8's stack limit (the firmware's WASM_RT_USE_STACK_DEPTH_COUNT).
          if (!(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) throw e;
          let seq = 0xffff;
          try { seq = exports.agent_seq(); } catch { /* as main.c: NO_SEQ when even this traps */ }
          traps++; lastTrap = (e as Error).message;
          instantiate();
          exports.agent_report_trap(seq, 0);
        }
      }
    },
  };
}

/** A Link to an agent running in this process. */
export async function inProcessLink(wasmPath: string, opts: NodeBoardOptions = {}): Promise<Link> {
  const listeners: ((chunk: Uint8Array) => void)[] = [];
  const agent = await hostAgent(wasmPath, (b) => queueMicrotask(() => listeners.forEach((l) => l(b))), opts);
  return {
    description: 'in-process agent',
    async write(bytes) { agent.feed(bytes); },
    onData(l) { listeners.push(l); },
    async close() {},
  };
}
