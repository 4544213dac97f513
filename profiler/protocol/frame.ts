// Frames on the serial link (docs/protocol.md): COBS(version | type | seq | body | CRC-32)
// then 0x00. The Deframer is a standalone parser: feed it chunks split anywhere and it
// yields whole frames, damaged frames, and the agent's plain-text fault lines.
import { cobsDecode, cobsEncode } from './cobs.ts';
import { crc32 } from './crc32.ts';

export const PROTOCOL_VERSION = 2;
export const HEADER_BYTES = 4;
export const CRC_BYTES = 4;
/** Until HELLO announces the agent's limit, frames stay within this size. */
export const DEFAULT_MAX_FRAME = 2048;

export interface Frame { version: number; type: number; seq: number; body: Uint8Array }

export function encodeFrame(type: number, seq: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const raw = new Uint8Array(HEADER_BYTES + body.length + CRC_BYTES);
  const view = new DataView(raw.buffer);
  raw[0] = PROTOCOL_VERSION; raw[1] = type; view.setUint16(2, seq, true);
  raw.set(body, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + body.length, crc32(raw.subarray(0, HEADER_BYTES + body.length)), true);
  const encoded = cobsEncode(raw);
  const out = new Uint8Array(encoded.length + 1);
  out.set(encoded);
  return out; // last byte stays 0x00: the delimiter
}

export type DeframerEvent =
  | { kind: 'frame'; frame: Frame }
  | { kind: 'damaged'; reason: string }
  | { kind: 'fault'; text: string };

const FAULT_PREFIX = Buffer.from('capmark-fault: ');

export class Deframer {
  private pending: number[] = [];
  private dropping = false;
  constructor(private maxFrame = DEFAULT_MAX_FRAME) {}

  setMaxFrame(n: number) { this.maxFrame = n; }

  /** Feeds received bytes; returns the events completed by them, in order. */
  push(chunk: Uint8Array): DeframerEvent[] {
    const events: DeframerEvent[] = [];
    // COBS grows a frame by 1 byte per 254 plus the code byte.
    const maxEncoded = this.maxFrame + Math.ceil(this.maxFrame / 254) + 1;
    for (const b of chunk) {
      if (b !== 0) {
        if (this.pending.length >= maxEncoded + 64) { this.dropping = true; this.pending = []; }
        if (!this.dropping) this.pending.push(b);
        continue;
      }
      if (this.dropping) {
        events.push({ kind: 'damaged', reason: `frame over ${this.maxFrame} bytes dropped` });
      } else if (this.pending.length > 0) {
        events.push(this.decode(Uint8Array.from(this.pending)));
      }
      this.pending = []; this.dropping = false;
    }
    // A fault line is plain text ending in '\n' after a 0x00; report it as soon as it is whole.
    const text = Buffer.from(this.pending);
    if (text.subarray(0, FAULT_PREFIX.length).equals(FAULT_PREFIX) && text.includes(0x0a)) {
      events.push({ kind: 'fault', text: text.toString('latin1').trim() });
      this.pending = [];
    }
    return events;
  }

  /** Ends a frame the link left unfinished (its delimiter lost): damaged, if anything is pending. */
  flush(): DeframerEvent[] {
    const had = this.pending.length > 0 || this.dropping;
    this.pending = []; this.dropping = false;
    return had ? [{ kind: 'damaged', reason: 'frame cut off (delimiter lost)' }] : [];
  }

  /** True while part of a frame has arrived and its delimiter has not. */
  get partial(): boolean { return this.pending.length > 0 || this.dropping; }

  private decode(encoded: Uint8Array): DeframerEvent {
    const raw = cobsDecode(encoded);
    if (!raw) return { kind: 'damaged', reason: 'malformed COBS' };
    if (raw.length < HEADER_BYTES + CRC_BYTES) return { kind: 'damaged', reason: `runt frame (${raw.length} bytes)` };
    if (raw.length > this.maxFrame) return { kind: 'damaged', reason: `frame over ${this.maxFrame} bytes` };
    const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
    const end = raw.length - CRC_BYTES;
    if (crc32(raw.subarray(0, end)) !== view.getUint32(end, true)) return { kind: 'damaged', reason: 'CRC mismatch' };
    return { kind: 'frame', frame: { version: raw[0], type: raw[1], seq: view.getUint16(2, true), body: raw.slice(HEADER_BYTES, end) } };
  }
}
