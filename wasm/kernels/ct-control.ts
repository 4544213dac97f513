// "ct-control": the positive control of the constant-time check (capmark ct, docs/
// constant-time.md). Both ops leak their secret ON PURPOSE, each through one trace only, so
// the check proves it can catch a leak before it calls anything constant-time. Never a
// candidate algorithm; do not copy this code.
//
//   compare: secret(16) || guess(16) -> 0x01 when equal, else 0x00, by an early-exit loop:
//            the executed instructions depend on how many leading bytes match.
//   lookup:  secret(16) -> table[secret[i]] for each byte: a secret-indexed table read with
//            no branch; only the data addresses depend on the secret.

import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const OP_COMPARE = 0;
const OP_LOOKUP = 1;
const BYTES = 16;

const TABLE: usize = memory.data(256);

/** LEAKS: returns at the first differing byte. */
function leakyCompare(a: usize, b: usize, len: i32): bool {
  for (let i = 0; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** LEAKS: reads table[secret[i]] (the table is a public permutation, i * 167 + 13 mod 256). */
function leakyLookup(secret: usize, out: usize, len: i32): void {
  for (let i = 0; i < 256; i++) store<u8>(TABLE + i, <u8>(i * 167 + 13));
  for (let i = 0; i < len; i++) store<u8>(out + i, load<u8>(TABLE + load<u8>(secret + i)));
}

// Called through function values: Binaryen inlines a function with one call site (as it does
// every kernel's run() into the dispatcher) but not one held in the table, so the firmware
// keeps both as named functions and capmark ct can report the leak at its source.
const COMPARE = leakyCompare;
const LOOKUP = leakyLookup;

/** @kernel ct-control compare,lookup */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op == OP_COMPARE) {
    if (inLen != 2 * BYTES) return STATUS_BAD_INPUT;
    if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
    store<u8>(output, COMPARE(input, input + BYTES, BYTES) ? 1 : 0);
    return 1;
  }
  if (op == OP_LOOKUP) {
    if (inLen != BYTES) return STATUS_BAD_INPUT;
    if (outCap < BYTES) return STATUS_OUTPUT_TOO_SMALL;
    LOOKUP(input, output, BYTES);
    return BYTES;
  }
  return STATUS_UNKNOWN_OP;
}
