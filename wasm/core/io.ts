// The agent's input and output buffers: the host LOADs a kernel's input, BENCH runs the
// kernel from INPUT into OUTPUT, READ fetches OUTPUT. Static, so the kernel heap (reset
// before every kernel call) can never overlap them.

export const IN_CAP: i32 = 20 * 1024;  // a 16 KiB message plus keys, nonces, headers
export const OUT_CAP: i32 = 8 * 1024;  // the largest output: an ML-DSA-87 signature (4627 B)
export const INPUT: usize = memory.data(IN_CAP, 16);
export const OUTPUT: usize = memory.data(OUT_CAP, 16);
