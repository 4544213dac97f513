// Status codes a kernel returns instead of throwing across the WebAssembly boundary.
// A non-negative return value is the number of output bytes written.

export const STATUS_BAD_INPUT: i32 = -1;     // input too short or malformed for this op
export const STATUS_AUTH_FAILED: i32 = -2;   // AEAD tag or signature check failed (output zeroized)
export const STATUS_OUTPUT_TOO_SMALL: i32 = -3;
export const STATUS_UNKNOWN_OP: i32 = -4;
export const STATUS_NO_RANDOM: i32 = -5;     // the board has no TRNG
export const STATUS_NO_MEMORY: i32 = -6;     // working set larger than the agent's linear memory
export const STATUS_NO_DEVICE_SECRET: i32 = -7; // no DICE UDS: the board has none, or it was read before
