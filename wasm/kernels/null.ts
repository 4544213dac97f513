// "null": the measurement baseline. Its op returns at once, so a BENCH of it costs exactly the
// dispatch and the marker calls, which the profiler subtracts from every other measurement.

import { STATUS_UNKNOWN_OP } from "./status";

/** @kernel null none */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return op == 0 ? 0 : STATUS_UNKNOWN_OP;
}
