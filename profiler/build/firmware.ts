// Step 3: one ELF per virtual board — the wasm2c C of the agent, the bare-metal runtime, the
// firmware core and the board's port, linked for the board's memory map. Also decides, from
// the board's RAM, how much linear memory the agent gets, or that the board cannot host it.
import { execFile, execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '../boards/index.ts';
import { CapmarkError } from '../errors.ts';
import { BUILD, ROOT } from '../util/paths.ts';
import { CORES, type Arch, type CoreBuild } from './cores.ts';
import { tool, toolVersion } from './toolchain.ts';
import type { Bounds } from './wasm2c.ts';
import { writeCodeGraph } from './footprint.ts';
import { FULL_AGENT, firmwareDir, wasm2cDir, wasmPath, type AgentBuild } from './agent.ts';
import { KERNELS_HEADER } from './wasm.ts';

const AGENT = join(ROOT, 'agent');
const WASM2C_RUNTIME = '/usr/src/wasm2c';
const PAGE = 65536;
/** The agent declares at most 16 pages (ASC_FLAGS --maximumMemory). */
export const MAX_PAGES = 16;

/** -g1: line tables and inlining records for the flash attribution (footprint.ts); gcc emits the
 *  same code with and without it (checked: identical disassembly of the agent object). */
export const OPT_FLAGS = ['-O2', '-g1', '-ffunction-sections', '-fdata-sections', '-fno-common'];

export interface Fit {
  hostable: boolean;
  /** Bytes of linear memory backed for the agent (a power of two of whole pages, or a
   *  sub-page agent's own size). */
  linear_memory_bytes: number;
  required_ram_bytes: number;
  available_ram_bytes: number;
  shortfall_bytes: number;
  /** What is short when the board cannot host the agent: RAM (checked before linking) or
   *  flash (the image overflowed it at link time; then flash_bytes says by how much). */
  short_of?: 'RAM' | 'flash';
  flash_bytes?: { required: number; available: number };
  /** RAM used by the firmware besides linear memory and stack (.data + .bss). */
  static_ram_bytes: number;
  stack_bytes: number;
}

export interface FirmwareManifest {
  board: string;
  /** Which agent it carries: "full" or a per-product agent's name (agent.ts). */
  agent: string;
  elf?: string;
  key: string;
  bounds: Bounds;
  fit: Fit;
  text_bytes?: number;
  marks?: { begin: string; end: string };
  /** The firmware image as flashed (build/fw/<id>.bin) and its SHA-256: the golden
   *  measurement an attestation verifier compares the device's evidence with. */
  image?: { file: string; bytes: number; sha256: string };
  /** .text bytes of the functions compiled from each wasm/ source file (name section). */
  code_bytes_by_source?: Record<string, number>;
  /** The firmware's memory as linked, from its ELF sections (linkedMemory). */
  memory?: LinkedMemory;
  /** The ELF's flash graph (build/fw/<id>.code.json, footprint.ts): code per WebAssembly
   *  function, calls and constant data, from which each op's code_bytes is computed. */
  code_graph?: string;
  cflags: string;
  compiler: string;
  wasm2c: string;
}

/** Exact flash and RAM of a linked firmware (`size -A`): flash = .text (code and constants) +
 *  .ARM.exidx + .data's load image; RAM = .data + .bss (the linear memory is a static array in
 *  it) + the reserved .stack. */
export interface LinkedMemory { flash_bytes: number; ram_bytes: number; linear_memory_bytes: number; stack_bytes: number }

export function linkedMemory(arch: Arch, elf: string, linearMemoryBytes: number): LinkedMemory {
  const section = new Map<string, number>();
  for (const m of execFileSync(tool('size', arch), ['-A', elf], { encoding: 'utf8' }).matchAll(/^(\.\S+)\s+(\d+)\s/gm)) section.set(m[1], Number(m[2]));
  const s = (name: string) => section.get(name) ?? 0;
  return {
    flash_bytes: s('.text') + s('.ARM.exidx') + s('.data'), ram_bytes: s('.data') + s('.bss') + s('.stack'),
    linear_memory_bytes: linearMemoryBytes, stack_bytes: s('.stack'),
  };
}

const sha = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

function agentSources(family: string, core: CoreBuild, main = join(AGENT, 'core', 'main.c')): string[] {
  const port = join(AGENT, 'ports', family, 'port.c');
  if (!existsSync(port)) throw new CapmarkError('UNKNOWN_PORT', `no port "${family}" (agent/ports/${family}/port.c); known: ${readdirSync(join(AGENT, 'ports')).join(', ')}`);
  const archDir = join(AGENT, 'arch', core.arch);
  return [
    join(AGENT, 'runtime', 'wasm-rt-baremetal.c'),
    main, ...['startup.c', 'agent.c', 'board.c', 'stack.c', 'marks.c'].map((f) => join(AGENT, 'core', f)),
    ...readdirSync(archDir).filter((f) => /\.[cS]$/.test(f)).sort().map((f) => join(archDir, f)),
    ...(core.ct_multiply ? [join(archDir, 'ct', core.ct_multiply)] : []),
    join(AGENT, 'probe', 'sha256.c'),
    port,
  ];
}

function headersHash(): string {
  const dirs = [join(AGENT, 'contract'), join(AGENT, 'runtime')];
  return sha(...dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.h')).map((f) => readFileSync(join(d, f)))));
}

const run = promisify(execFile);
/** Compile jobs run at most one per core; the same object is never compiled twice at once. */
const slots = { free: Math.max(1, cpus().length), waiting: [] as (() => void)[] };
const inFlight = new Map<string, Promise<string>>();

async function withSlot<T>(job: () => Promise<T>): Promise<T> {
  if (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.free--;
  try { return await job(); } finally {
    const next = slots.waiting.shift();
    if (next) next(); else slots.free++;
  }
}

/** Compiles one C file with `flags` into build/obj/, reusing the object when nothing changed. */
function compile(cc: string, src: string, flags: string[], extraKey: string): Promise<string> {
  const obj = join(BUILD, 'obj', `${src.split('/').pop()!.replace(/\.[cS]$/, '')}-${sha(readFileSync(src), flags.join(' '), extraKey)}.o`);
  if (existsSync(obj)) return Promise.resolve(obj);
  if (!inFlight.has(obj)) {
    inFlight.set(obj, withSlot(async () => {
      mkdirSync(join(BUILD, 'obj'), { recursive: true });
      const tmp = `${obj}.${process.pid}.tmp`;
      await run(cc, [...flags, '-c', src, '-o', tmp], { maxBuffer: 64 << 20 });
      renameSync(tmp, obj);
      return obj;
    }).finally(() => inFlight.delete(obj)));
  }
  return inFlight.get(obj)!;
}

function sizes(arch: Arch, files: string[]): { text: number; data: number; bss: number } {
  const out = execFileSync(tool('size', arch), ['-t', ...files], { encoding: 'utf8' }).trim().split('\n');
  const [text, data, bss] = out[out.length - 1].trim().split(/\s+/).map(Number);
  return { text, data, bss };
}

function linkerScript(board: Board, stackBytes: number): string {
  return `/* Generated for ${board.id} by profiler/build/firmware.ts */
MEMORY {
  FLASH (rx) : ORIGIN = ${board.memory.flash_origin}, LENGTH = ${board.flash_bytes}
  RAM (rwx)  : ORIGIN = ${board.memory.ram_origin}, LENGTH = ${board.ram_bytes}
}
SECTIONS {
  .text : { __image_start = .; KEEP(*(.vectors)) *(.text*) *(.rodata*) *(.srodata*) . = ALIGN(8); } > FLASH
  .ARM.exidx : { *(.ARM.exidx*) } > FLASH
  __data_load = LOADADDR(.data);
  .data : { __data_start = .; *(.data*) *(.sdata*) . = ALIGN(8); __data_end = .; } > RAM AT > FLASH
  __image_end = __data_load + SIZEOF(.data);
  .bss (NOLOAD) : { __bss_start = .; *(.sbss*) *(.bss*) *(COMMON) . = ALIGN(8); __bss_end = .; } > RAM
  .stack (NOLOAD) : { . = ALIGN(8); __stack_limit = .; . += ${stackBytes}; __stack_top = .; } > RAM
  /* RISC-V: gp-relative addressing reaches small data within 2 KiB either side. */
  __global_pointer$ = __data_start + 0x800;
}
`;
}

/** Flags for the agent's C (wasm2c output and runtime): the core, bounds mode and linear
 *  memory size only, so boards with the same core share one compiled agent. */
function agentFlags(board: Board, bounds: Bounds, memBytes: number, agent: AgentBuild): string[] {
  // A board flag replaces the core's flag of the same option (e.g. -mfloat-abi=softfp for
  // -mfloat-abi=soft): gcc picks its libraries by the options given, and two would confuse it.
  const option = (f: string) => f.split('=')[0];
  const own = new Set((board.cflags ?? []).map(option));
  return [
    ...coreOf(board).cflags.filter((f) => !own.has(option(f))), ...(board.cflags ?? []), ...OPT_FLAGS, '--specs=picolibc.specs', '-DNDEBUG',
    '-DWASM_RT_USE_STACK_DEPTH_COUNT=1',
    ...(bounds === 'mask' ? ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1', '-DWASM_RT_SKIP_SIGNAL_RECOVERY=1'] : ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0']),
    `-DCAPMARK_MEM_BYTES=${memBytes}`,
    `-I${join(AGENT, 'contract')}`, `-I${join(AGENT, 'runtime')}`, `-I${WASM2C_RUNTIME}`, `-I${wasm2cDir(agent)}`,
  ];
}

/** The wasm2c output's flags: the agent's, with aligned word accesses on strict-alignment cores. */
const generatedCodeFlags = (board: Board, bounds: Bounds, memBytes: number, agent: AgentBuild) =>
  [...agentFlags(board, bounds, memBytes, agent), ...(coreOf(board).strict_align ? ['-include', 'wasm-rt-access.h'] : [])];

export function coreOf(board: Board): CoreBuild {
  const core = CORES[board.core];
  if (!core) throw new CapmarkError('UNSUPPORTED_CORE', `boards/virtual/${board.id}.json: core: no firmware build for ${board.core} (supported: ${Object.keys(CORES).join(', ')})`);
  return core;
}

const ccVersions = new Map<Arch, string>();

/** Flags for the firmware core and port: the agent's plus the board's facts. */
function boardFlags(board: Board, bounds: Bounds, memBytes: number, agent: AgentBuild): string[] {
  const q = (s: string) => `"${s}"`;
  const arch = coreOf(board).arch;
  if (!ccVersions.has(arch)) ccVersions.set(arch, execFileSync(tool('cc', arch), ['-dumpversion'], { encoding: 'utf8' }).trim());
  return [
    ...agentFlags(board, bounds, memBytes, agent),
    `-DCAPMARK_UART_BASE=${board.port.uart_base}u`, `-DCAPMARK_TIMER_BASE=${board.port.counter_base}u`,
    `-DCAPMARK_COUNTER_HZ=${board.port.counter_hz}`, `-DCAPMARK_BOARD_ID=${q(board.id)}`, '-DCAPMARK_DEBUG_ENABLED=1',
    `-DCAPMARK_WABT_VERSION=${q(toolVersion('wasm2c'))}`, `-DCAPMARK_BOUNDS=${q(bounds)}`, `-DCAPMARK_CC=${q('gcc-' + ccVersions.get(arch))}`,
  ];
}

/** The virtual board's DICE unique device secret: random, made once per checkout in
 *  build/fw/<id>.uds (a real device's UDS lives in OTP and never leaves it). */
export function deviceSecretHex(boardId: string): string {
  const file = join(BUILD, 'fw', `${boardId}.uds`);
  if (!existsSync(file)) {
    mkdirSync(join(BUILD, 'fw'), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The UDS as a C source linked into the ELF (agent/core/board.c reads `capmark_uds`). Never a
 *  compiler flag: flags are recorded in manifests and results and show in logs and `ps`. Compiled
 *  at link time, so no object holding it lands in the shared cache (build/obj). */
function deviceSecretSource(boardId: string): string {
  const bytes = deviceSecretHex(boardId).match(/../g)!.map((h) => `0x${h}`).join(', ');
  const file = join(BUILD, 'fw', `${boardId}.uds.c`);
  writeFileSync(file, `/* Generated by profiler/build/firmware.ts: the DICE UDS of virtual board ${boardId}. */\n`
    + `#include <stdint.h>\nconst uint8_t capmark_uds[32] = { ${bytes} };\n`, { mode: 0o600 });
  return file;
}

/** How much linear memory the board can back (at most `maxBytes`, the agent's need), or the
 *  shortfall when not even one page fits. */
export function fitBoard(board: Board, staticRamBytes: number, maxBytes = MAX_PAGES * PAGE, stackBytes = board.stack_bytes): Fit {
  const needFor = (bytes: number) => bytes + 8 + staticRamBytes + stackBytes;
  // A sub-page agent has exactly its size; otherwise the largest power of two of pages that fits.
  let bytes = maxBytes < PAGE ? maxBytes : Math.min(MAX_PAGES, Math.floor(maxBytes / PAGE)) * PAGE;
  while (bytes >= PAGE && needFor(bytes) > board.ram_bytes) bytes >>= 1;
  const hostable = needFor(bytes) <= board.ram_bytes && (bytes >= PAGE || maxBytes < PAGE);
  const required = needFor(Math.max(maxBytes < PAGE ? maxBytes : PAGE, bytes));
  return {
    hostable, linear_memory_bytes: hostable ? bytes : 0, required_ram_bytes: required,
    available_ram_bytes: board.ram_bytes, shortfall_bytes: hostable ? 0 : required - board.ram_bytes,
    ...(hostable ? {} : { short_of: 'RAM' as const }),
    static_ram_bytes: staticRamBytes, stack_bytes: stackBytes,
  };
}

/** The board's firmware with `agent` (the full agent by default) under the agent's fw/ folder. */
export async function buildFirmware(board: Board, agentC: string, bounds: Bounds, agent: AgentBuild = FULL_AGENT): Promise<FirmwareManifest> {
  const fwDir = firmwareDir(agent);
  mkdirSync(fwDir, { recursive: true });
  const extraKey = headersHash() + sha(...['agent.h', KERNELS_HEADER].map((f) => readFileSync(join(wasm2cDir(agent), f))));
  const arch = coreOf(board).arch;
  const cc = tool('cc', arch);
  const objects = async (mem: number) => {
    const flags = boardFlags(board, bounds, mem, agent);
    const module = compile(cc, agentC, generatedCodeFlags(board, bounds, mem, agent), extraKey);
    const rest = agentSources(board.port.family, coreOf(board), agent.main).map((s) => compile(cc, s, flags, extraKey));
    return { flags, objs: await Promise.all([module, ...rest]) };
  };
  // Static RAM does not depend on the linear memory size: measure it at the largest size,
  // which is also what every board with room for it gets (one compile in the common case).
  const first = await objects(MAX_PAGES * PAGE);
  const s = sizes(arch, first.objs);
  const stackBytes = agent.stack_bytes ?? board.stack_bytes;
  const fit = fitBoard(board, s.data + s.bss - (MAX_PAGES * PAGE + 8), agent.linear_memory_bytes, stackBytes);
  const base = { board: board.id, agent: agent.name, bounds, fit, compiler: toolVersion('cc', arch), wasm2c: toolVersion('wasm2c') };
  const manifestPath = join(fwDir, `${board.id}.json`);
  if (!fit.hostable) {
    const manifest: FirmwareManifest = { ...base, key: sha(JSON.stringify(fit)), cflags: first.flags.join(' ') };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return manifest;
  }
  const { flags, objs } = fit.linear_memory_bytes === MAX_PAGES * PAGE ? first : await objects(fit.linear_memory_bytes);
  const script = linkerScript(board, stackBytes);
  // The flash analysis and the manifest's fields are part of it: a change to either redoes it.
  const uds = deviceSecretSource(board.id);
  const key = sha(...objs, readFileSync(uds), JSON.stringify(board), script, ...['footprint.ts', 'firmware.ts'].map((f) => readFileSync(join(ROOT, 'profiler', 'build', f))));
  const elf = join(fwDir, `${board.id}.elf`);
  if (existsSync(elf) && existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8')) as FirmwareManifest;
    if (old.key === key) return old;
  }
  const ld = join(fwDir, `${board.id}.ld`);
  writeFileSync(ld, script);
  try {
    await run(cc, [...flags, '-nostartfiles', '-Wl,--gc-sections', `-T${ld}`, '-o', elf, ...objs, uds]);
  } catch (e) {
    // The image does not fit the board's flash: a fact about the board, said like a RAM shortfall.
    const over = String((e as { stderr?: string }).stderr ?? '').match(/region `FLASH' overflowed by (\d+) bytes/);
    if (!over) throw e;
    const short = Number(over[1]);
    const flashFit: Fit = { ...fit, hostable: false, linear_memory_bytes: 0, shortfall_bytes: short, short_of: 'flash',
      flash_bytes: { required: board.flash_bytes + short, available: board.flash_bytes } };
    const manifest: FirmwareManifest = { ...base, fit: flashFit, key, cflags: flags.join(' ') };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return manifest;
  }
  const symbols = execFileSync(tool('nm', arch), ['-S', '--size-sort', elf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const addr = (name: string) => {
    const m = symbols.match(new RegExp(`^([0-9a-f]+) [0-9a-f]+ T ${name}$`, 'm'));
    if (!m) throw new CapmarkError('BUILD_BROKEN', `${elf}: symbol ${name} missing`);
    return `0x${m[1]}`;
  };
  const bin = join(fwDir, `${board.id}.bin`);
  execFileSync(tool('objcopy', arch), ['-O', 'binary', '-j', '.text', '-j', '.ARM.exidx', '-j', '.data', elf, bin]);
  const image = readFileSync(bin);
  const manifest: FirmwareManifest = {
    ...base, elf, key, text_bytes: sizes(arch, [elf]).text, memory: linkedMemory(arch, elf, fit.linear_memory_bytes), marks: { begin: addr('capmark_mark_begin'), end: addr('capmark_mark_end') },
    image: { file: bin, bytes: image.length, sha256: createHash('sha256').update(image).digest('hex') },
    code_bytes_by_source: codeBySource(symbols), cflags: flags.join(' '),
    code_graph: writeCodeGraph(elf, arch, wasmPath(agent), join(fwDir, `${board.id}.code.json`)),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

let prefixes: { src: string; prefix: string }[] | undefined;

/** The wasm/ source file and function a firmware symbol was compiled from, by the names
 *  wasm2c keeps from the name section (asc --debug): w2c_wasm_kernels_sha256_compress ->
 *  wasm/kernels/sha256, compress. Undefined for the firmware's own C. */
export function wasmSourceOf(symbol: string): { source: string; fn: string } | undefined {
  prefixes ??= listWasmSources().map((src) => ({ src, prefix: `w2c_${src.replace(/[^A-Za-z0-9]/g, '_')}_` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const hit = prefixes.find((p) => symbol.startsWith(p.prefix));
  return hit && { source: hit.src, fn: symbol.slice(hit.prefix.length) };
}

/** Attributes .text to wasm/ source files (wasmSourceOf). */
function codeBySource(nmOutput: string): Record<string, number> {
  const bySource: Record<string, number> = {};
  for (const line of nmOutput.split('\n')) {
    const [, size, type, name] = line.split(' ');
    if (!name || (type !== 't' && type !== 'T')) continue;
    const hit = wasmSourceOf(name);
    if (hit) bySource[hit.source] = (bySource[hit.source] ?? 0) + parseInt(size, 16);
  }
  return bySource;
}

function listWasmSources(dir = 'wasm'): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listWasmSources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name.slice(0, -3)}`] : []);
}
