// The results file (results/<board-id>.json): an immutable, schema-versioned record of one
// profiling run. Tables, verdicts and reports are generated from these files, never edited in.
//
// Version 2 (2026-12) adds, all optional so a partial or older run still reads:
//   per measurement: working set and reached code (product fit, issue #9), the instruction-class
//   profile and operand-dependent instruction count (timing model, #11), an error band on
//   modelled cycles (#11); per file: complete/partial status (#13), constant-time records (#12)
//   and the measured footprint of a per-product agent build (#14).
// Version 1 files are still read: store.ts upgrades them in memory and says so in `notes`.

export const RESULTS_SCHEMA = 'capmark.results/2';
/** Older versions this capmark reads (upgraded in memory, never rewritten). */
export const READABLE_RESULTS_SCHEMAS = ['capmark.results/1', RESULTS_SCHEMA] as const;

/** How a number was obtained (DESIGN.md "Measurement"). */
export type Method = 'measured' | 'exact-emulated' | 'timer-emulated' | 'modelled' | 'predicted';

/** Over the runs (or the distinct cases of a data-dependent op): mean included for averages. */
export interface Stat { min: number; median: number; max: number; mean?: number }

/** How far a modelled figure may be off, in percent of the figure (low <= 0 <= high), and why
 *  (calibration residuals of the core's timing model, or a wider labelled band without one). */
export interface ErrorBand { low_pct: number; high_pct: number; basis: string }

export interface Measurement {
  kernel: string;            // host registry id, e.g. "sha256"
  device_kernel: string;     // device kernel name
  op: string;
  param_name: 'msg_bytes' | 'none';
  param: number;
  /** Distinguishes measurements of the same op and size (e.g. "tampered tag"), for tables. */
  variant?: string;
  iterations: number;
  status: 'ok' | 'failed' | 'skipped';
  /** Why a measurement failed or was skipped (e.g. "input 32768 B > input buffer 20480 B"). */
  reason?: string;
  /** Guest instructions per op, baseline subtracted (exact on QEMU with the counting plugin). */
  instructions?: Stat & { method: Method };
  /** Executed instructions per class (loads, stores, multiplies, taken branches, ...) for one
   *  run of the op, exact on QEMU with the classifying plugin; the timing model's input. */
  instruction_classes?: Record<string, number>;
  /** Executed instructions whose latency depends on operand values on this core (long
   *  multiplies on the M3, divides, a slow M0 multiplier), and which classes they are. */
  operand_dependent?: { instructions: number; classes: string[] };
  /** Cycles per op: modelled from instructions, the DWT cycle counter on silicon ('measured')
   *  or the board timer ('timer-emulated'); `band` for modelled cycles (time and energy scale
   *  from cycles, so the same band applies to them). */
  cycles?: Stat & { method: Method; source: string; band?: ErrorBand };
  /** Time per op at the board clock, from cycles or instructions. */
  time_us?: Stat & { method: Method };
  /** For msg_bytes ops: median per byte. */
  instructions_per_byte?: number;
  cycles_per_byte?: number;
  /** Peak native stack of the op (stack painting), bytes. */
  stack_bytes?: number;
  /** Kernel heap the op used (the agent's heap high-water), bytes. */
  heap_bytes?: number;
  input_bytes?: number;
  output_bytes?: number;
  /** RAM a product needs to run this op: stack + heap + input + output bytes. */
  working_set_bytes?: number;
  /** Flash of the code this op reaches (its call closure in the firmware ELF, with the library
   *  functions it calls; code_map.ops lists the units), bytes. */
  code_bytes?: number;
  /** Read-only data (constant tables) this op's code references, bytes. In a wasm2c build these
   *  data segments are also copied into linear memory (RAM) when the module is instantiated. */
  const_bytes?: number;
  output_verified: boolean;
  /** Filled by the energy model: median energy per op. */
  energy_uj?: number;
}

export interface Capability {
  /** False when the board cannot host capmark's profiling agent (a fact about profiling, not
   *  about the product); then `shortfall_bytes` says by how much. */
  hostable: boolean;
  verdict: string;
  required_ram_bytes?: number;
  available_ram_bytes?: number;
  shortfall_bytes?: number;
  /** Security features the agent found on the board contract (e.g. trng: random bytes provided). */
  features?: Partial<Record<'trng' | 'key_storage' | 'secure_boot_rom' | 'trustzone', boolean>>;
}

export interface Conditions {
  transport: 'qemu' | 'serial' | 'in-process';
  qemu_version?: string;
  qemu_machine?: string;
  icount?: string;
  agent_version?: string;
  protocol_version?: number;
  runtime?: string;           // e.g. "wasm2c-1.0.32 bounds=mask"
  compiler?: string;
  cflags?: string;
  counter?: string;           // the board's cycle/timer counter, e.g. "cmsdk-timer@25000000"
  counter_hz?: number;
  clock_hz: number;
  /** CPU core of the board, e.g. "cortex-m4" (optional; else taken from the board file). */
  core?: string;
  /** The catalogue part whose SoC the virtual board models, when it is a real-SoC twin. */
  twin_of?: string;
  /** The timing model that turned instructions into cycles (name and version). */
  timing_model?: string;
  linear_memory_bytes?: number;
  kernel_heap_bytes?: number;
  baseline_instructions?: number;
  /** SHA-256 of the firmware image the run measured (build/fw/<id>.bin): a resumed run must match. */
  firmware_sha256?: string;
  /** The plan the run measured: kernel filter (absent = all), iterations and warm-up runs. */
  plan?: { kernels?: string[]; iterations: number; warmup: number };
  /** Where energy_uj comes from (board power model or a representative part's datasheet). */
  power_model?: string;
  host: string;
}

/** Constant-time status of one secret-handling op on this board (`capmark ct`). */
export interface ConstantTimeRecord {
  kernel: string;
  op: string;
  /** trace-equal: identical instruction and data-address traces over every secret;
   *  leaks: a trace differed; operand-dependent: traces equal but instructions with
   *  operand-dependent latency run; allowed-variation: a documented, permitted difference. */
  status: 'trace-equal' | 'leaks' | 'operand-dependent' | 'allowed-variation';
  secrets: number;
  /** Which trace diverged first, and where (function and source file from the ELF). */
  diverged?: 'instruction-trace' | 'data-trace';
  location?: string;
  operand_dependent_instructions?: number;
  detail: string;
}

/** Flash attribution of this run's firmware (profiler/build/footprint.ts): the units of code and
 *  constant data some op reaches, each op's units and the runtime every product needs once, so
 *  that several ops combine with shared code (runtime, memcpy, field arithmetic) counted once. */
export interface CodeMap {
  /** The ELF and how its bytes were attributed. */
  source: string;
  units: { name: string; bytes: number; kind: 'code' | 'const' }[];
  /** `${kernel}/${op}` -> indices into `units`: what `code_bytes` and `const_bytes` sum. */
  ops: Record<string, number[]>;
  /** Indices of the module runtime (instantiation, traps), not in any op's code_bytes. */
  runtime: number[];
}

/** The measured security footprint of the firmware this run used (per-product builds). */
export interface Footprint {
  kernels: string[];
  flash_bytes: number;
  ram_bytes: number;
  linear_memory_bytes: number;
  method: 'measured-elf';
}

export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  board: string;
  /** complete: the whole plan ran; partial: the run stopped early and kept what it measured. */
  status: 'complete' | 'partial';
  partial_reason?: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  boot_to_hello_ms?: number;
  conditions: Conditions;
  capability: Capability;
  measurements: Measurement[];
  constant_time?: ConstantTimeRecord[];
  footprint?: Footprint;
  code_map?: CodeMap;
  /** Set when read from an older schema version: which one. */
  upgraded_from?: string;
  /** What a reader should know about this file (e.g. fields an older version lacks). */
  notes?: string[];
}
