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
import { tool, toolVersion } from './toolchain.ts';
import type { Bounds } from './wasm2c.ts';

const AGENT = join(ROOT, 'agent');
const WASM2C_RUNTIME = '/usr/src/wasm2c';
const PAGE = 65536;
/** The agent declares at most 16 pages (ASC_FLAGS --maximumMemory). */
export const MAX_PAGES = 16;

/** gcc flags per core; soft float everywhere (the kernels use no floating point). */
export const CORE_FLAGS: Record<string, string[]> = {
  'cortex-m3': ['-mcpu=cortex-m3'],
  'cortex-m4': ['-mcpu=cortex-m4', '-mfloat-abi=soft'],
  'cortex-m7': ['-mcpu=cortex-m7', '-mfloat-abi=soft'],
  'cortex-m33': ['-mcpu=cortex-m33', '-mfloat-abi=soft'],
  'cortex-m55': ['-mcpu=cortex-m55', '-mfloat-abi=soft'],
};
export const OPT_FLAGS = ['-O2', '-ffunction-sections', '-fdata-sections', '-fno-common'];

export interface Fit {
  hostable: boolean;
  /** Bytes of linear memory backed for the agent (a power of two, whole pages). */
  linear_memory_bytes: number;
  required_ram_bytes: number;
  available_ram_bytes: number;
  shortfall_bytes: number;
  /** RAM used by the firmware besides linear memory and stack (.data + .bss). */
  static_ram_bytes: number;
  stack_bytes: number;
}

export interface FirmwareManifest {
  board: string;
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
  cflags: string;
  compiler: string;
  wasm2c: string;
}

const sha = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

function agentSources(family: string): string[] {
  const port = join(AGENT, 'ports', family, 'port.c');
  if (!existsSync(port)) throw new CapmarkError('UNKNOWN_PORT', `no port "${family}" (agent/ports/${family}/port.c); known: ${readdirSync(join(AGENT, 'ports')).join(', ')}`);
  return [
    join(AGENT, 'runtime', 'wasm-rt-baremetal.c'),
    ...['startup.c', 'main.c', 'board.c', 'stack.c', 'marks.c'].map((f) => join(AGENT, 'core', f)),
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
function compile(src: string, flags: string[], extraKey: string): Promise<string> {
  const obj = join(BUILD, 'obj', `${src.split('/').pop()!.replace(/\.c$/, '')}-${sha(readFileSync(src), flags.join(' '), extraKey)}.o`);
  if (existsSync(obj)) return Promise.resolve(obj);
  if (!inFlight.has(obj)) {
    inFlight.set(obj, withSlot(async () => {
      mkdirSync(join(BUILD, 'obj'), { recursive: true });
      const tmp = `${obj}.${process.pid}.tmp`;
      await run(tool('cc'), [...flags, '-c', src, '-o', tmp], { maxBuffer: 64 << 20 });
      renameSync(tmp, obj);
      return obj;
    }).finally(() => inFlight.delete(obj)));
  }
  return inFlight.get(obj)!;
}

function sizes(files: string[]): { text: number; data: number; bss: number } {
  const out = execFileSync(tool('size'), ['-t', ...files], { encoding: 'utf8' }).trim().split('\n');
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
  .text : { __image_start = .; KEEP(*(.vectors)) *(.text*) *(.rodata*) . = ALIGN(8); } > FLASH
  .ARM.exidx : { *(.ARM.exidx*) } > FLASH
  __data_load = LOADADDR(.data);
  .data : { __data_start = .; *(.data*) . = ALIGN(8); __data_end = .; } > RAM AT > FLASH
  __image_end = __data_load + SIZEOF(.data);
  .bss (NOLOAD) : { __bss_start = .; *(.bss*) *(COMMON) . = ALIGN(8); __bss_end = .; } > RAM
  .stack (NOLOAD) : { . = ALIGN(8); __stack_limit = .; . += ${stackBytes}; __stack_top = .; } > RAM
}
`;
}

/** Flags for the agent's C (wasm2c output and runtime): the core, bounds mode and linear
 *  memory size only, so boards with the same core share one compiled agent. */
function agentFlags(board: Board, bounds: Bounds, memBytes: number): string[] {
  const core = CORE_FLAGS[board.core];
  if (!core) throw new CapmarkError('UNSUPPORTED_CORE', `boards/virtual/${board.id}.json: core: no firmware build for ${board.core} (supported: ${Object.keys(CORE_FLAGS).join(', ')})`);
  return [
    ...core, '-mthumb', ...OPT_FLAGS, '--specs=picolibc.specs', '-DNDEBUG',
    '-DWASM_RT_USE_STACK_DEPTH_COUNT=1',
    ...(bounds === 'mask' ? ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1', '-DWASM_RT_SKIP_SIGNAL_RECOVERY=1'] : ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0']),
    `-DCAPMARK_MEM_BYTES=${memBytes}`,
    `-I${join(AGENT, 'contract')}`, `-I${join(AGENT, 'runtime')}`, `-I${WASM2C_RUNTIME}`, `-I${join(BUILD, 'wasm2c')}`,
  ];
}

let ccVersion: string | undefined;

/** Flags for the firmware core and port: the agent's plus the board's facts. */
function boardFlags(board: Board, bounds: Bounds, memBytes: number): string[] {
  const q = (s: string) => `"${s}"`;
  ccVersion ??= execFileSync(tool('cc'), ['-dumpversion'], { encoding: 'utf8' }).trim();
  return [
    ...agentFlags(board, bounds, memBytes),
    `-DCAPMARK_UART_BASE=${board.port.uart_base}u`, `-DCAPMARK_TIMER_BASE=${board.port.counter_base}u`,
    `-DCAPMARK_COUNTER_HZ=${board.port.counter_hz}`, `-DCAPMARK_BOARD_ID=${q(board.id)}`,
    `-DCAPMARK_UDS=${q(deviceSecretHex(board.id))}`, '-DCAPMARK_DEBUG_ENABLED=1',
    `-DCAPMARK_WABT_VERSION=${q(toolVersion('wasm2c'))}`, `-DCAPMARK_BOUNDS=${q(bounds)}`, `-DCAPMARK_CC=${q('gcc-' + ccVersion)}`,
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

/** How much linear memory the board can back, or the shortfall when not even one page fits. */
export function fitBoard(board: Board, staticRamBytes: number): Fit {
  const needFor = (pages: number) => pages * PAGE + 8 + staticRamBytes + board.stack_bytes;
  let pages = MAX_PAGES;
  while (pages >= 1 && needFor(pages) > board.ram_bytes) pages >>= 1;
  const hostable = pages >= 1;
  const required = needFor(Math.max(pages, 1));
  return {
    hostable, linear_memory_bytes: hostable ? pages * PAGE : 0, required_ram_bytes: required,
    available_ram_bytes: board.ram_bytes, shortfall_bytes: hostable ? 0 : required - board.ram_bytes,
    static_ram_bytes: staticRamBytes, stack_bytes: board.stack_bytes,
  };
}

export async function buildFirmware(board: Board, agentC: string, bounds: Bounds): Promise<FirmwareManifest> {
  const fwDir = join(BUILD, 'fw');
  mkdirSync(fwDir, { recursive: true });
  const extraKey = headersHash() + sha(readFileSync(join(BUILD, 'wasm2c', 'agent.h')));
  const objects = async (mem: number) => {
    const flags = boardFlags(board, bounds, mem);
    const agent = compile(agentC, agentFlags(board, bounds, mem), extraKey);
    const rest = agentSources(board.port.family).map((s) => compile(s, flags, extraKey));
    return { flags, objs: await Promise.all([agent, ...rest]) };
  };
  // Static RAM does not depend on the linear memory size: measure it at the largest size,
  // which is also what every board with room for it gets (one compile in the common case).
  const first = await objects(MAX_PAGES * PAGE);
  const s = sizes(first.objs);
  const fit = fitBoard(board, s.data + s.bss - (MAX_PAGES * PAGE + 8));
  const base = { board: board.id, bounds, fit, compiler: toolVersion('cc'), wasm2c: toolVersion('wasm2c') };
  const manifestPath = join(fwDir, `${board.id}.json`);
  if (!fit.hostable) {
    const manifest: FirmwareManifest = { ...base, key: sha(JSON.stringify(fit)), cflags: first.flags.join(' ') };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return manifest;
  }
  const { flags, objs } = fit.linear_memory_bytes === MAX_PAGES * PAGE ? first : await objects(fit.linear_memory_bytes);
  const key = sha(...objs, JSON.stringify(board));
  const elf = join(fwDir, `${board.id}.elf`);
  if (existsSync(elf) && existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8')) as FirmwareManifest;
    if (old.key === key) return old;
  }
  const ld = join(fwDir, `${board.id}.ld`);
  writeFileSync(ld, linkerScript(board, board.stack_bytes));
  await run(tool('cc'), [...flags, '-nostartfiles', '-Wl,--gc-sections', `-T${ld}`, '-o', elf, ...objs]);
  const symbols = execFileSync(tool('nm'), ['-S', '--size-sort', elf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const addr = (name: string) => {
    const m = symbols.match(new RegExp(`^([0-9a-f]+) [0-9a-f]+ T ${name}$`, 'm'));
    if (!m) throw new CapmarkError('BUILD_BROKEN', `${elf}: symbol ${name} missing`);
    return `0x${m[1]}`;
  };
  const bin = join(fwDir, `${board.id}.bin`);
  execFileSync(tool('objcopy'), ['-O', 'binary', '-j', '.text', '-j', '.ARM.exidx', '-j', '.data', elf, bin]);
  const image = readFileSync(bin);
  const manifest: FirmwareManifest = {
    ...base, elf, key, text_bytes: sizes([elf]).text, marks: { begin: addr('capmark_mark_begin'), end: addr('capmark_mark_end') },
    image: { file: bin, bytes: image.length, sha256: createHash('sha256').update(image).digest('hex') },
    code_bytes_by_source: codeBySource(symbols), cflags: flags.join(' '),
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
