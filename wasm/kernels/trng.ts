// "trng": the board's true random number generator, reached through the board contract's
// `random` import, with the continuous health tests of NIST SP 800-90B §4.4 on every sample.
//   op "health": draws as many bytes as the input is long (its content is ignored) and returns
//   one byte: 1 when the repetition count test and the adaptive proportion test both pass,
//   0 when either fails (a stuck or badly biased source). STATUS_NO_RANDOM where the board has
//   no TRNG. Heap: one 64-byte sample buffer. Not secret-handling: the samples are discarded.
import { random } from "../board";
import { STATUS_NO_RANDOM, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

// Cutoffs for an assessed min-entropy of H = 1 bit per 8-bit sample (conservative for a
// bias-corrected hardware source) and a false-alarm rate of 2^-20:
const RCT_CUTOFF: i32 = 21;   // §4.4.1: C = 1 + ceil(20 / H)
const APT_WINDOW: i32 = 512;  // §4.4.2: W = 512 for non-binary samples
const APT_CUTOFF: i32 = 311;  // §4.4.2 Table 2: W = 512, H = 1
const CHUNK: i32 = 64;

export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
  const buf = heap.alloc(CHUNK);
  let pass = true;
  let last: i32 = -1, repeats: i32 = 0;      // repetition count test
  let first: i32 = 0, seen: i32 = 0, at: i32 = 0; // adaptive proportion test, position in window
  for (let done = 0; done < inLen; done += CHUNK) {
    const n = min(CHUNK, inLen - done);
    if (random(buf, <u32>n) != 0) return STATUS_NO_RANDOM;
    for (let i = 0; i < n; i++) {
      const x = <i32>load<u8>(buf + i);
      if (x == last) { if (++repeats >= RCT_CUTOFF) pass = false; } else { last = x; repeats = 1; }
      if (at == 0) { first = x; seen = 1; } else if (x == first && ++seen >= APT_CUTOFF) pass = false;
      if (++at == APT_WINDOW) at = 0;
    }
  }
  store<u8>(output, pass ? 1 : 0);
  return 1;
}
