// The agent's input and output buffers: the host LOADs a kernel's input, BENCH runs the
// kernel from INPUT into OUTPUT, READ fetches OUTPUT. Static, so the kernel heap (reset
// before every kernel call) can never overlap them. Their sizes come with the agent's kernels
// (the generated registry): the full agent takes a 16 KiB message plus keys, nonces, headers
// in and the largest output (an ML-DSA-87 signature, 4627 B) out; a per-product agent what
// its kernels' cases need.

import { IN_BYTES, OUT_BYTES } from "../kernels/registry";

export const IN_CAP: i32 = IN_BYTES;
export const OUT_CAP: i32 = OUT_BYTES;
export const INPUT: usize = memory.data(IN_CAP, 16);
export const OUTPUT: usize = memory.data(OUT_CAP, 16);

/** Bytes of linear memory the agent has: the build's size in a sub-page agent (asc
 *  --lowMemoryLimit, docs/embedding.md: its runtime backs less than the one page the module
 *  declares, so memory.size would overstate it), else what the runtime backs. */
export function linearMemoryBytes(): u32 {
  return ASC_LOW_MEMORY_LIMIT ? <u32>ASC_LOW_MEMORY_LIMIT : <u32>memory.size() << 16;
}
