// "sha256-native": the firmware's native C SHA-256, called through the board contract.
// Kept only as the overhead probe: the same hash with and without WebAssembly.

import { native_sha256 } from "../board";
import { STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

/** @kernel sha256-native hash */
export function runNativeSha256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (outCap < 32) return STATUS_OUTPUT_TOO_SMALL;
  return native_sha256(input, <u32>inLen, output) == 0 ? 32 : STATUS_UNKNOWN_OP;
}
