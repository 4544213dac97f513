// The bench loop: runs one kernel op `warmup + iterations` times on the loaded input,
// timing each run with the board's counter and checking that every run gave the same output.

import { bench_begin, bench_end, stack_used } from "../board";
import { runKernel } from "../kernels/registry";
import { sha256 } from "../kernels/sha256";
import { ctEqual } from "../lib/bytes";
import { INPUT, OUTPUT, OUT_CAP } from "./io";

export const MAX_ITERATIONS: i32 = 64;
const TICKS: usize = memory.data(MAX_ITERATIONS * 4, 4);
const FIRST_DIGEST: usize = memory.data(32);
const DIGEST: usize = memory.data(32);

// Results of the last bench() as globals: the agent core allocates nothing on the heap,
// which belongs to the kernels and is reset before each of their calls.
export let status: i32 = 0;
export let outLen: i32 = 0;
export let consistent = true;
export let stackBytes: u32 = 0;
export let ticksMin: u32 = 0;
export let ticksMedian: u32 = 0;
export let ticksMax: u32 = 0;

/** SHA-256 of the first run's output. */
export function digest(): usize { return FIRST_DIGEST; }

export function bench(kernel: i32, op: i32, inLen: i32, warmup: i32, iterations: i32): void {
  consistent = true; stackBytes = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    heap.reset(); // kernels may allocate; everything is freed when their op returns
    memory.fill(OUTPUT, 0, OUT_CAP);
    bench_begin();
    const s = runKernel(kernel, op, INPUT, inLen, OUTPUT, OUT_CAP);
    const ticks = bench_end();
    const stack = stack_used();
    if (stack > stackBytes) stackBytes = stack;
    const n = s > 0 ? s : 0;
    sha256(OUTPUT, n, DIGEST);
    if (i == 0) {
      status = s; outLen = n;
      memory.copy(FIRST_DIGEST, DIGEST, 32);
    } else if (s != status || !ctEqual(DIGEST, FIRST_DIGEST, 32)) {
      consistent = false;
    }
    if (i >= warmup) store<u32>(TICKS + ((i - warmup) << 2), ticks);
  }
  sortTicks(iterations);
  ticksMin = load<u32>(TICKS);
  ticksMedian = load<u32>(TICKS + ((iterations >> 1) << 2));
  ticksMax = load<u32>(TICKS + ((iterations - 1) << 2));
}

function sortTicks(n: i32): void { // insertion sort: n <= 64
  for (let i = 1; i < n; i++) {
    const v = load<u32>(TICKS + (i << 2));
    let j = i - 1;
    while (j >= 0 && load<u32>(TICKS + (j << 2)) > v) {
      store<u32>(TICKS + ((j + 1) << 2), load<u32>(TICKS + (j << 2)));
      j--;
    }
    store<u32>(TICKS + ((j + 1) << 2), v);
  }
}
