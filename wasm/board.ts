// The board contract: every function the agent imports from the runtime that hosts it.
// The C side (agent/contract/board.h) implements these for wasm2c firmware; tests/support
// implements them for Node's WebAssembly. Keep the two in step with docs/board-contract.md.

/** Send `len` bytes at `ptr` to the host link (UART). Required. */
@external("board", "write")
export declare function write(ptr: usize, len: u32): void;

/** Start of a measured region: paints the stack, marks the start for the instruction
 *  counter and latches the cycle/timer counter. Called by the bench loop only. Required. */
@external("board", "bench_begin")
export declare function bench_begin(): void;

/** End of a measured region: returns counter ticks since bench_begin (see counter_hz in
 *  board_info) and measures the stack high-water mark. Required. */
@external("board", "bench_end")
export declare function bench_end(): u32;

/** Native stack bytes used between the last bench_begin/bench_end pair (stack painting);
 *  0 when the board cannot tell. Required. */
@external("board", "stack_used")
export declare function stack_used(): u32;

/** Writes a short ASCII description "key=value;..." of the board and runtime (board id,
 *  runtime, counter, counter_hz) into ptr (at most cap bytes); returns the length. Required. */
@external("board", "board_info")
export declare function board_info(ptr: usize, cap: u32): u32;

/** Fills `len` bytes with true random bytes; returns 0, or -1 where the board has no TRNG
 *  (reported to the host as a capability gap). Optional: return -1. */
@external("board", "random")
export declare function random(ptr: usize, len: u32): i32;

/** Runs the native C SHA-256 kept in the firmware as the overhead probe (the same hash
 *  without WebAssembly); returns 0, or -1 where the runtime has none. */
@external("board", "native_sha256")
export declare function native_sha256(input: usize, len: u32, out: usize): i32;

/** Copies the 32-byte unique device secret (DICE UDS) to ptr and returns 0 the first time it
 *  is called after boot; returns -1 afterwards (the secret is readable once per boot) or
 *  where the board has none. Used by the attestation kernels only. */
@external("board", "uds")
export declare function uds(ptr: usize, len: u32): i32;

/** Bytes of the firmware image the board booted (for measurement): the code and constant
 *  data as flashed. Returns the total image size. */
@external("board", "image_size")
export declare function image_size(): u32;

/** Copies `len` bytes of the firmware image from `offset` to ptr; returns the bytes copied. */
@external("board", "image_read")
export declare function image_read(offset: u32, ptr: usize, len: u32): u32;

/** Boots since the device was provisioned (1 on a fresh virtual board). */
@external("board", "boot_count")
export declare function boot_count(): u32;

/** 1 when a debugger can attach (debug port open), 0 when it is locked. */
@external("board", "debug_enabled")
export declare function debug_enabled(): u32;

/** Retained memory: keeps `len` bytes from ptr under `key` (0..3, at most 128 bytes each) in
 *  memory the board owns, outside the module, so they survive the module's re-instantiation
 *  after a trap (not a reboot). For state that must outlive a trap: the attestation CDIs
 *  (the UDS is readable once per boot), the trap counter. Returns 0, or -1 (no such room). */
@external("board", "retain_store")
export declare function retain_store(key: u32, ptr: usize, len: u32): i32;

/** Copies the bytes retained under `key` to ptr (at most len); returns their length, or -1
 *  when nothing is retained under key since boot. */
@external("board", "retain_load")
export declare function retain_load(key: u32, ptr: usize, len: u32): i32;
