// The capmark agent: the WebAssembly module a board's runtime hosts. Its exports are the
// whole surface a runtime calls (docs/board-contract.md); wasm/board.ts lists its imports.

import * as protocol from "./core/protocol";
import { runKernel, TABLE } from "./kernels/registry";
import { INPUT, OUTPUT, IN_CAP, OUT_CAP } from "./core/io";

/** Called once after instantiation: takes all the linear memory the runtime offers (a
 *  sub-page agent has its fixed memory already and never grows it). */
export function agent_init(): void {
  if (!ASC_LOW_MEMORY_LIMIT) while (memory.grow(1) >= 0) { /* the runtime caps growth at what the board can back */ }
}

/** Called by the runtime for each byte received from the host link. */
export function agent_rx(byte: u32): void { protocol.onByte(<u8>byte); }

/** The sequence number of the request being handled (read by the runtime after a trap). */
export function agent_seq(): u32 { return protocol.seq(); }

/** Called by the runtime after a kernel trapped and the module was instantiated anew. */
export function agent_report_trap(seq: u32, code: u32): void { protocol.reportTrap(<u16>seq); }

// Direct access for hosts that link the module in-process (Node tests, host baseline).
export function io_input(): usize { return INPUT; }
export function io_output(): usize { return OUTPUT; }
export function io_input_cap(): i32 { return IN_CAP; }
export function io_output_cap(): i32 { return OUT_CAP; }
export function kernel_run(kernel: i32, op: i32, inLen: i32): i32 {
  heap.reset();
  return runKernel(kernel, op, INPUT, inLen, OUTPUT, OUT_CAP);
}
export function kernel_table(): string { return TABLE; }
/** Runs a kernel on buffers anywhere in linear memory (in-process hosts with large inputs). */
export function kernel_run_at(kernel: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  heap.reset();
  return runKernel(kernel, op, input, inLen, output, outCap);
}
/** Test-only: heap bytes the last kernel call allocated (its high-water, as the stub heap
 *  only grows between resets), plus one block header of this probe. */
export function heap_used(): usize { return heap.alloc(0) - __heap_base; }
