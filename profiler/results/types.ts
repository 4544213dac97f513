// The results file (results/<board-id>.json): an immutable, schema-versioned record of one
// profiling run. Tables, verdicts and reports are generated from these files, never edited in.

export const RESULTS_SCHEMA = 'capmark.results/1';

/** How a number was obtained (DESIGN.md "Measurement"). */
export type Method = 'measured' | 'exact-emulated' | 'timer-emulated' | 'modelled' | 'predicted';

/** Over the runs (or the distinct cases of a data-dependent op): mean included for averages. */
export interface Stat { min: number; median: number; max: number; mean?: number }

export interface Measurement {
  kernel: string;            // host registry id, e.g. "sha256"
  device_kernel: string;     // device kernel name
  op: string;
  param_name: 'msg_bytes' | 'none';
  param: number;
  iterations: number;
  status: 'ok' | 'failed' | 'skipped';
  /** Why a measurement failed or was skipped (e.g. "input 32768 B > input buffer 20480 B"). */
  reason?: string;
  /** Guest instructions per op, baseline subtracted (exact on QEMU with the counting plugin). */
  instructions?: Stat & { method: Method };
  /** Cycles per op: DWT cycle counter on silicon ('measured') or the board timer ('timer-emulated'). */
  cycles?: Stat & { method: Method; source: string };
  /** Time per op at the board clock, from cycles or instructions. */
  time_us?: Stat & { method: Method };
  /** For msg_bytes ops: median per byte. */
  instructions_per_byte?: number;
  cycles_per_byte?: number;
  stack_bytes?: number;
  /** Code size of the kernel in the firmware (from the ELF), for flash budgets (optional). */
  code_bytes?: number;
  output_bytes?: number;
  output_verified: boolean;
  /** Filled by the energy model (issue #5): median energy per op. */
  energy_uj?: number;
}

export interface Capability {
  /** False when the board cannot host the agent at all; then `shortfall_bytes` says by how much. */
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
  linear_memory_bytes?: number;
  kernel_heap_bytes?: number;
  baseline_instructions?: number;
  /** Where energy_uj comes from (board power model or a representative part's datasheet). */
  power_model?: string;
  host: string;
}

export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  board: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  boot_to_hello_ms?: number;
  conditions: Conditions;
  capability: Capability;
  measurements: Measurement[];
}
