// Keys of the board's retained memory (board.ts retain_store/retain_load): state that must
// survive the module's re-instantiation after a trap. One list, so no two users share a key.

export const RETAIN_TRAPS: u32 = 0;   // u32 traps since boot (core/protocol.ts)
export const RETAIN_CDIS: u32 = 1;    // DICE CDI_0, CDI_1 and the measurement (kernels/attest.ts)
