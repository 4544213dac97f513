// The constant-time check (`capmark ct`, docs/constant-time.md): every secret op of the
// registry traced on a virtual board with many secrets; equal instruction and data-address
// traces, or the first place they part and which trace showed it.
export { checkBoard, controlCaught, CONTROL_EXPECTED, DEFAULT_SECRETS, type BoardReport, type CtOptions } from './board.ts';
export type { OpReport, OpStatus } from './check.ts';
export { formatBoard, boardFails } from './format.ts';
