// Command dispatch (docs/protocol.md): decodes a request frame, runs HELLO, LOAD, BENCH or
// READ, and sends the response with the request's sequence number. A request repeating the
// last sequence number is answered from the cached response without running it again.

import { write, board_info } from "../board";
import { TABLE } from "../kernels/registry";
import * as frame from "./frame";
import * as b from "./bench";
import { IN_CAP, OUT_CAP, INPUT, OUTPUT, linearMemoryBytes } from "./io";

export const AGENT_VERSION = "0.1.0";

export const CMD_HELLO: u8 = 0x01;
export const CMD_LOAD: u8 = 0x02;
export const CMD_BENCH: u8 = 0x03;
export const CMD_READ: u8 = 0x04;
export const RESPONSE: u8 = 0x80;   // response type = request type | RESPONSE
export const ERROR: u8 = 0x7f;

export const E_BAD_FRAME: u8 = 1;
export const E_FRAME_TOO_LARGE: u8 = 2;
export const E_BAD_VERSION: u8 = 3;
export const E_UNKNOWN_COMMAND: u8 = 4;
export const E_BAD_REQUEST: u8 = 5;
export const E_TRAPPED: u8 = 6;
export const NO_SEQ: u16 = 0xffff;

let lastSeq: i32 = -1;
let currentSeq: u16 = NO_SEQ;
let out: usize = 0; // write cursor in the response being built

export function seq(): u16 { return currentSeq; }

/** Handles one received byte from the host link. */
export function onByte(byte: u8): void {
  const r = frame.rxByte(byte);
  if (r == frame.RX_FRAME) onFrame(frame.rxFrame(), frame.rxFrameLen());
  else if (r == frame.RX_BAD_CRC) sendError(NO_SEQ, E_BAD_FRAME, "damaged frame (COBS/CRC); resend");
  else if (r == frame.RX_TOO_LARGE) sendError(NO_SEQ, E_FRAME_TOO_LARGE, "frame over max_frame; split it");
}

function onFrame(f: usize, len: i32): void {
  const version = load<u8>(f), type = load<u8>(f, 1), s = load<u16>(f, 2);
  const body = f + frame.HEADER_BYTES, bodyLen = len - frame.HEADER_BYTES;
  if (version != frame.PROTOCOL_VERSION) { sendError(s, E_BAD_VERSION, "unsupported protocol version"); return; }
  if (<i32>s == lastSeq) { resend(); return; }
  currentSeq = s;
  lastSeq = s;
  if (type == CMD_HELLO) hello();
  else if (type == CMD_LOAD) loadInput(body, bodyLen);
  else if (type == CMD_BENCH) runBench(body, bodyLen);
  else if (type == CMD_READ) readOutput(body, bodyLen);
  else sendError(s, E_UNKNOWN_COMMAND, "unknown command");
}

function begin(type: u8, s: u16): void {
  const t = frame.txBuffer();
  store<u8>(t, frame.PROTOCOL_VERSION); store<u8>(t, type, 1); store<u16>(t, s, 2);
  out = t + frame.HEADER_BYTES;
}
function u8w(v: u32): void { store<u8>(out, <u8>v); out += 1; }
function u16w(v: u32): void { store<u16>(out, <u16>v); out += 2; }
function u32w(v: u32): void { store<u32>(out, v); out += 4; }
function ascii(s: string, lenBytes: i32): void {
  const n = s.length;
  if (lenBytes == 1) u8w(n); else u16w(n);
  for (let i = 0; i < n; i++) store<u8>(out + i, <u8>s.charCodeAt(i));
  out += n;
}
function send(): void {
  frame.txEncode(<i32>(out - frame.txBuffer()));
  resend();
}
function resend(): void { write(frame.txEncoded(), <u32>frame.txEncodedBytes()); }

export function sendError(s: u16, code: u8, message: string): void {
  begin(ERROR, s);
  u8w(code);
  ascii(message, 1);
  send();
}

function hello(): void {
  begin(CMD_HELLO | RESPONSE, currentSeq);
  u8w(frame.PROTOCOL_VERSION);
  u16w(frame.MAX_FRAME);
  u32w(IN_CAP);
  u32w(OUT_CAP);
  const memBytes = linearMemoryBytes();
  u32w(memBytes);
  u32w(memBytes - <u32>__heap_base);
  ascii(AGENT_VERSION, 1);
  const n = board_info(out + 2, 255);
  u16w(n); out += n;
  ascii(TABLE, 2);
  send();
}

function loadInput(body: usize, len: i32): void {
  if (len < 4) { sendError(currentSeq, E_BAD_REQUEST, "LOAD needs offset u32 and data"); return; }
  const offset = load<u32>(body), n = len - 4;
  if (<u64>offset + <u64>n > <u64>IN_CAP) { sendError(currentSeq, E_BAD_REQUEST, "LOAD beyond input capacity"); return; }
  memory.copy(INPUT + offset, body + 4, n);
  begin(CMD_LOAD | RESPONSE, currentSeq);
  u32w(offset); u32w(n);
  send();
}

function runBench(body: usize, len: i32): void {
  if (len < 10) { sendError(currentSeq, E_BAD_REQUEST, "BENCH body is 10 bytes"); return; }
  const kernel = <i32>load<u8>(body), op = <i32>load<u8>(body, 1);
  const iterations = <i32>load<u16>(body, 2), warmup = <i32>load<u16>(body, 4);
  const inLen = load<u32>(body, 6);
  if (iterations < 1 || iterations > b.MAX_ITERATIONS || warmup > 16 || inLen > <u32>IN_CAP) {
    sendError(currentSeq, E_BAD_REQUEST, "BENCH: iterations 1..64, warmup <= 16, in_len <= in_cap");
    return;
  }
  b.bench(kernel, op, <i32>inLen, warmup, iterations);
  begin(CMD_BENCH | RESPONSE, currentSeq);
  u32w(<u32>b.status);
  u32w(<u32>b.outLen);
  memory.copy(out, b.digest(), 32); out += 32;
  u32w(b.stackBytes);
  u16w(iterations);
  u8w(b.consistent ? 1 : 0);
  u8w(0);
  u32w(b.ticksMin); u32w(b.ticksMedian); u32w(b.ticksMax);
  send();
}

function readOutput(body: usize, len: i32): void {
  if (len < 6) { sendError(currentSeq, E_BAD_REQUEST, "READ needs offset u32, length u16"); return; }
  const offset = load<u32>(body), n = <i32>load<u16>(body, 4);
  if (n > frame.MAX_BODY || <u64>offset + <u64>n > <u64>OUT_CAP) { sendError(currentSeq, E_BAD_REQUEST, "READ beyond output or frame"); return; }
  begin(CMD_READ | RESPONSE, currentSeq);
  memory.copy(out, OUTPUT + offset, n); out += n;
  send();
}
