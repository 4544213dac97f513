// Command dispatch (docs/protocol.md, version 2): decodes a request frame, runs HELLO, LOAD,
// BENCH, READ or INFO, and sends the response with the request's sequence number. A request
// repeating the last sequence number is answered from the cached response without running
// again; HELLO opens a new session (always runs) so a reconnecting host never collides with it.

import { write, board_info, retain_load, retain_store } from "../board";
import { TABLE, TABLE_BYTES } from "../kernels/registry";
import * as frame from "./frame";
import * as b from "./bench";
import { IN_CAP, OUT_CAP, INPUT, OUTPUT, linearMemoryBytes } from "./io";
import { AGENT_VERSION } from "./version";
import { RETAIN_TRAPS } from "./retained";

export const CMD_HELLO: u8 = 0x01;
export const CMD_LOAD: u8 = 0x02;
export const CMD_BENCH: u8 = 0x03;
export const CMD_READ: u8 = 0x04;
export const CMD_INFO: u8 = 0x05;
export const RESPONSE: u8 = 0x80;   // response type = request type | RESPONSE
export const ERROR: u8 = 0x7f;

export const E_BAD_FRAME: u8 = 1;
export const E_FRAME_TOO_LARGE: u8 = 2;
export const E_BAD_VERSION: u8 = 3;
export const E_UNKNOWN_COMMAND: u8 = 4;
export const E_BAD_REQUEST: u8 = 5;
export const E_TRAPPED: u8 = 6;
export const NO_SEQ: u16 = 0xffff;

const COUNT: usize = memory.data(4);

let lastSeq: i32 = -1;           // -1: no request answered in this session yet
let currentSeq: u16 = NO_SEQ;    // the request being handled (read by the runtime after a trap)
let out: usize = 0;              // write cursor in the response being built

// The descriptor INFO serves: agent_version str8, board_info str16, kernel_table str16.
// Built on demand (no state to lose in a trap); ~1.1 KB, so the host reads it in pieces.
const DESC_CAP: i32 = 1 + 32 + 2 + 255 + 2 + TABLE_BYTES;
const DESC: usize = memory.data(DESC_CAP);

export function seq(): u16 { return currentSeq; }

/** Handles one received byte from the host link. */
export function onByte(byte: u8): void {
  const r = frame.rxByte(byte);
  if (r == frame.RX_FRAME) onFrame(frame.rxFrame(), frame.rxFrameLen());
  else if (r == frame.RX_BAD_CRC) sendUncachedError(NO_SEQ, E_BAD_FRAME, "damaged frame (COBS/CRC); resend");
  else if (r == frame.RX_TOO_LARGE) sendUncachedError(NO_SEQ, E_FRAME_TOO_LARGE, "frame over max_frame; split it");
}

function onFrame(f: usize, len: i32): void {
  const version = load<u8>(f), type = load<u8>(f, 1), s = load<u16>(f, 2);
  const body = f + frame.HEADER_BYTES, bodyLen = len - frame.HEADER_BYTES;
  if (version != frame.PROTOCOL_VERSION) { sendUncachedError(s, E_BAD_VERSION, "unsupported protocol version"); return; }
  if (type != CMD_HELLO && <i32>s == lastSeq) { resend(); return; }
  currentSeq = s;
  lastSeq = s;
  if (type == CMD_HELLO) hello(body, bodyLen);
  else if (type == CMD_LOAD) loadInput(body, bodyLen);
  else if (type == CMD_BENCH) runBench(body, bodyLen);
  else if (type == CMD_READ) readOutput(body, bodyLen);
  else if (type == CMD_INFO) info(body, bodyLen);
  else sendError(E_UNKNOWN_COMMAND, "unknown command");
  currentSeq = NO_SEQ;
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

/** The error response to the current request (cached like any response). */
function sendError(code: u8, message: string): void {
  begin(ERROR, currentSeq);
  u8w(code);
  ascii(message, 1);
  send();
}

/** An error about a frame, not a request: sent without touching the cached response, so a
 *  repeat of the last request after line noise still gets that request's answer. */
function sendUncachedError(s: u16, code: u8, message: string): void {
  let p = frame.errBuffer();
  store<u8>(p, frame.PROTOCOL_VERSION); store<u8>(p, ERROR, 1); store<u16>(p, s, 2);
  store<u8>(p, code, 4); store<u8>(p, <u8>message.length, 5);
  for (let i = 0; i < message.length; i++) store<u8>(p + 6 + i, <u8>message.charCodeAt(i));
  frame.errEncode(6 + message.length);
  write(frame.errEncoded(), <u32>frame.errEncodedBytes());
}

/** Called after the runtime re-instantiated the agent because request `s` trapped: counts
 *  the trap in retained memory and answers `s` with TRAPPED (cached: a repeat of `s` gets
 *  the same answer instead of running the trapping request again). */
export function reportTrap(s: u16): void {
  store<u32>(COUNT, traps() + 1);
  retain_store(RETAIN_TRAPS, COUNT, 4);
  if (s == NO_SEQ) { sendUncachedError(NO_SEQ, E_TRAPPED, "agent trapped; restarted"); return; }
  currentSeq = s; lastSeq = s;
  sendError(E_TRAPPED, "kernel trapped; agent restarted (code in log)");
  currentSeq = NO_SEQ;
}

/** Traps since boot (kept by the board: the module's own memory starts afresh after one). */
function traps(): u32 {
  return retain_load(RETAIN_TRAPS, COUNT, 4) == 4 ? load<u32>(COUNT) : 0;
}

/** HELLO session u32: starts a session (the sequence numbers of earlier sessions are
 *  forgotten; HELLO is the one request never answered from the cache). */
function hello(body: usize, len: i32): void {
  if (len != 4) { sendError(E_BAD_REQUEST, "HELLO body is session u32"); return; }
  begin(CMD_HELLO | RESPONSE, currentSeq);
  u8w(frame.PROTOCOL_VERSION);
  u32w(load<u32>(body));
  u16w(frame.MAX_FRAME);
  u32w(IN_CAP);
  u32w(OUT_CAP);
  const memBytes = linearMemoryBytes();
  u32w(memBytes);
  u32w(memBytes - <u32>__heap_base);
  u16w(<u32>buildDescriptor());
  u32w(traps());
  send();
}

function buildDescriptor(): i32 {
  const saved = out;
  out = DESC;
  ascii(AGENT_VERSION, 1);
  const n = board_info(out + 2, 255);
  u16w(n); out += n;
  ascii(TABLE, 2);
  const len = <i32>(out - DESC);
  out = saved;
  return len;
}

/** INFO offset u16, length u16: a piece of the descriptor. */
function info(body: usize, len: i32): void {
  if (len != 4) { sendError(E_BAD_REQUEST, "INFO needs offset u16, length u16"); return; }
  const offset = <i32>load<u16>(body), n = <i32>load<u16>(body, 2);
  const total = buildDescriptor();
  if (n > frame.MAX_BODY || offset + n > total) { sendError(E_BAD_REQUEST, "INFO beyond descriptor or frame"); return; }
  begin(CMD_INFO | RESPONSE, currentSeq);
  memory.copy(out, DESC + offset, n); out += n;
  send();
}

function loadInput(body: usize, len: i32): void {
  if (len < 4) { sendError(E_BAD_REQUEST, "LOAD needs offset u32 and data"); return; }
  const offset = load<u32>(body), n = len - 4;
  if (<u64>offset + <u64>n > <u64>IN_CAP) { sendError(E_BAD_REQUEST, "LOAD beyond input capacity"); return; }
  memory.copy(INPUT + offset, body + 4, n);
  begin(CMD_LOAD | RESPONSE, currentSeq);
  u32w(offset); u32w(n);
  send();
}

function runBench(body: usize, len: i32): void {
  if (len != 10) { sendError(E_BAD_REQUEST, "BENCH body is 10 bytes"); return; }
  const kernel = <i32>load<u8>(body), op = <i32>load<u8>(body, 1);
  const iterations = <i32>load<u16>(body, 2), warmup = <i32>load<u16>(body, 4);
  const inLen = load<u32>(body, 6);
  if (iterations < 1 || iterations > b.MAX_ITERATIONS || warmup > 16 || inLen > <u32>IN_CAP) {
    sendError(E_BAD_REQUEST, "BENCH: iterations 1..64, warmup <= 16, in_len <= in_cap");
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
  if (len != 6) { sendError(E_BAD_REQUEST, "READ needs offset u32, length u16"); return; }
  const offset = load<u32>(body), n = <i32>load<u16>(body, 4);
  if (n > frame.MAX_BODY || <u64>offset + <u64>n > <u64>OUT_CAP) { sendError(E_BAD_REQUEST, "READ beyond output or frame"); return; }
  begin(CMD_READ | RESPONSE, currentSeq);
  memory.copy(out, OUTPUT + offset, n); out += n;
  send();
}
