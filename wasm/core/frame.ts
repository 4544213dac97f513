// Framing on the serial link (docs/protocol.md): each frame is COBS-encoded
// (header | body | CRC-32 LE) followed by one 0x00 delimiter, so a receiver resyncs at
// the next 0x00 after any corruption. Decoding happens byte by byte as bytes arrive.

import { crc32 } from "./crc32";
import { MAX_FRAME_BYTES } from "../kernels/registry";

export const PROTOCOL_VERSION: u8 = 2;
/** Largest decoded frame (header + body + CRC) either side may send; announced in HELLO.
 *  2048 B in the full agent, smaller in a per-product agent (the generated registry). */
export const MAX_FRAME: i32 = MAX_FRAME_BYTES;
export const HEADER_BYTES: i32 = 4; // version u8, type u8, seq u16 LE
export const CRC_BYTES: i32 = 4;

const RX: usize = memory.data(MAX_FRAME + 1);
// COBS adds one byte per 254 plus the code byte and the delimiter.
const TX_CAP: i32 = MAX_FRAME + MAX_FRAME / 254 + 2;
const TX: usize = memory.data(TX_CAP);
const TXRAW: usize = memory.data(MAX_FRAME);

let rxLen: i32 = 0;
let frameLen: i32 = 0;       // length of the last complete frame, without its CRC
let rxRemaining: i32 = 0;    // data bytes left in the current COBS block
let rxCode: i32 = 0;         // code byte of the current block
let rxStarted = false;
let rxOverflow = false;

export const RX_NONE: i32 = 0;      // frame not complete yet
export const RX_FRAME: i32 = 1;     // a valid frame is in rxFrame()
export const RX_BAD_CRC: i32 = 2;   // a frame arrived damaged (bad COBS, length or CRC)
export const RX_TOO_LARGE: i32 = 3; // a frame exceeded MAX_FRAME and was dropped

/** Feeds one received byte; returns one of the RX_* results. */
export function rxByte(b: u8): i32 {
  if (b == 0) {
    const result = frameEnd();
    rxLen = 0; rxRemaining = 0; rxCode = 0; rxStarted = false; rxOverflow = false;
    return result;
  }
  if (rxOverflow) return RX_NONE;
  if (rxRemaining == 0) {
    if (rxStarted && rxCode != 0xff) append(0);
    rxCode = b; rxRemaining = <i32>b - 1; rxStarted = true;
  } else {
    append(b); rxRemaining--;
  }
  return RX_NONE;
}

function append(b: u8): void {
  if (rxLen >= MAX_FRAME) { rxOverflow = true; return; }
  store<u8>(RX + rxLen++, b);
}

function frameEnd(): i32 {
  if (!rxStarted) return RX_NONE; // empty frame: a bare delimiter used for resync
  if (rxOverflow) return RX_TOO_LARGE;
  if (rxRemaining != 0 || rxLen < HEADER_BYTES + CRC_BYTES) return RX_BAD_CRC;
  const bodyEnd = rxLen - CRC_BYTES;
  if (crc32(RX, bodyEnd) != load<u32>(RX + bodyEnd)) return RX_BAD_CRC;
  frameLen = bodyEnd;
  return RX_FRAME;
}

export function rxFrame(): usize { return RX; }
/** Length of the received frame without its CRC. */
export function rxFrameLen(): i32 { return frameLen; }

/** Start of the buffer in which a response (header + body) is assembled before txSend. */
export function txBuffer(): usize { return TXRAW; }
/** Room for the body of a response after the header and before the CRC. */
export const MAX_BODY: i32 = MAX_FRAME - HEADER_BYTES - CRC_BYTES;

let txEncodedLen: i32 = 0;

/** Appends the CRC to TXRAW[0..len) and COBS-encodes it with a delimiter into TX, the cache
 *  of the last response (a repeated request is answered from it without running again). */
export function txEncode(len: i32): void { txEncodedLen = encode(TXRAW, len, TX); }

/** The last encoded response. */
export function txEncoded(): usize { return TX; }
export function txEncodedBytes(): i32 { return txEncodedLen; }

// Errors about a frame rather than a request (damaged, oversized, wrong version) are sent
// from their own buffer: they must never replace the cached response (docs/protocol.md).
const ERR_RAW_CAP: i32 = HEADER_BYTES + 2 + 255 + CRC_BYTES;
const ERR_RAW: usize = memory.data(ERR_RAW_CAP);
const ERR_TX: usize = memory.data(ERR_RAW_CAP + 4);
let errEncodedLen: i32 = 0;

/** Start of the buffer in which an uncached error frame (header + body) is assembled. */
export function errBuffer(): usize { return ERR_RAW; }
/** Encodes ERR_RAW[0..len) into the error buffer, leaving the cached response untouched. */
export function errEncode(len: i32): void { errEncodedLen = encode(ERR_RAW, len, ERR_TX); }
export function errEncoded(): usize { return ERR_TX; }
export function errEncodedBytes(): i32 { return errEncodedLen; }

/** Appends the CRC to raw[0..len) (room for it is reserved) and COBS-encodes the whole with a
 *  delimiter into dst; returns the encoded length. */
function encode(raw: usize, len: i32, dst: usize): i32 {
  store<u32>(raw + len, crc32(raw, len));
  len += CRC_BYTES;
  let out = 1, codePos = 0, code = 1;
  for (let i = 0; i < len; i++) {
    const b = load<u8>(raw + i);
    if (b == 0) {
      store<u8>(dst + codePos, <u8>code); codePos = out++; code = 1;
    } else {
      store<u8>(dst + out++, b); code++;
      if (code == 0xff) { store<u8>(dst + codePos, <u8>code); codePos = out++; code = 1; }
    }
  }
  store<u8>(dst + codePos, <u8>code);
  store<u8>(dst + out++, 0);
  return out;
}
