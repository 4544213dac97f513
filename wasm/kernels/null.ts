// "null": the measurement baseline. Op none returns at once, so a BENCH of it costs exactly the
// dispatch and the marker calls, which the profiler subtracts from every other measurement; op
// trap executes `unreachable`, the one deliberate trap, so every board's trap recovery can be tested.

import { STATUS_UNKNOWN_OP } from "./status";

/** @kernel null none,trap */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op == 0) return 0;
  if (op == 1) unreachable();
  return STATUS_UNKNOWN_OP;
}
