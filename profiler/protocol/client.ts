// The protocol client: one request at a time over a Link, matched to its response by
// sequence number, in a session opened by HELLO. Damaged frames and timeouts are answered by
// resending the same request (the agent replays its cached response for a repeated sequence
// number, so nothing runs twice); large transfers go in pieces that shrink while the link
// damages them, so one bad byte costs one piece. A silent board or a link too damaged to
// carry a frame becomes a CapmarkError that says which of the two it is.
import { randomInt } from 'node:crypto';
import { CapmarkError, isCapmarkError } from '../errors.ts';
import { Deframer, encodeFrame, DEFAULT_MAX_FRAME, HEADER_BYTES, CRC_BYTES, PROTOCOL_VERSION } from './frame.ts';
import {
  CMD, RESPONSE, ERROR, NO_SEQ, decodeHello, decodeDescriptor, decodeBench, decodeError, encodeBench, encodeHello,
  encodeInfo, encodeLoad, encodeRead, type Hello, type BenchRequest, type BenchResponse,
} from './messages.ts';

/** A byte pipe to an agent: a serial port, a QEMU pty, or an in-process agent. */
export interface Link {
  readonly description: string;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
  close(): Promise<void>;
}

export interface ClientOptions {
  /** Time to wait for a response before resending (ms). */
  timeoutMs?: number;
  /** Resends after silence before giving up (NO_ANSWER). */
  retries?: number;
  /** Resends after damaged answers, on the smallest piece, before giving up (LINK_DAMAGED). */
  damagedRetries?: number;
  /** Time without bytes after which a half-received frame counts as damaged (ms). */
  idleMs?: number;
}

interface Pending {
  seq: number; type: number; frame: Uint8Array; timeoutMs: number; started: number;
  /** Bytes the answer is expected to take on the wire (for the timeout on a slow link). */
  answerBytes: number;
  attempts: number; silent: number; damaged: number; damagedLimit: number;
  /** For HELLO: the session it opens; answers of other sessions are stale and ignored. */
  session?: number;
  resolve(r: { body: Uint8Array; damaged: number }): void; reject(e: Error): void; timer?: NodeJS.Timeout;
}

/** Smallest piece of a LOAD/READ/INFO transfer; pieces halve down to it while damaged. */
const MIN_PIECE = 64;
/** Damaged answers tolerated on a piece larger than MIN_PIECE before it is split. */
const SPLIT_AFTER = 3;

export class AgentClient {
  private deframer = new Deframer();
  private seq = 0;
  private pending?: Pending;
  private maxFrame = DEFAULT_MAX_FRAME;
  private piece = DEFAULT_MAX_FRAME;
  private idle?: NodeJS.Timeout;
  /** Measured link speed: milliseconds per byte moved (both ways), from exchanges that needed
   *  no resend; 0 until measured. A slow link (a loaded QEMU takes ~0.3 ms per byte in) gets
   *  timeouts in proportion, instead of resending a frame still on its way. */
  private msPerByte = 0;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly damagedRetries: number;
  private readonly idleMs: number;
  /** Counters of link trouble seen and recovered from. */
  readonly stats = { resent: 0, damaged: 0 };

  constructor(private link: Link, opts: ClientOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.retries = opts.retries ?? 3;
    this.damagedRetries = opts.damagedRetries ?? 32;
    this.idleMs = opts.idleMs ?? 300;
    link.onData((chunk) => this.onData(chunk));
  }

  /** Opens a session (docs/protocol.md): the agent forgets earlier sequence numbers. */
  async hello(): Promise<Hello> {
    const session = randomInt(1, 0xffffffff);
    const { body } = await this.exchange(CMD.HELLO, encodeHello(session), { session });
    const head = decodeHello(body);
    if (head.protocolVersion !== PROTOCOL_VERSION) {
      throw new CapmarkError('PROTOCOL_VERSION', `agent speaks protocol ${head.protocolVersion}, this profiler ${PROTOCOL_VERSION}: rebuild the firmware (capmark build)`);
    }
    this.maxFrame = head.maxFrame;
    this.piece = head.maxFrame;
    this.deframer.setMaxFrame(head.maxFrame);
    const descriptor = new Uint8Array(head.descriptorBytes);
    await this.pieces(descriptor.length, this.maxFrame - HEADER_BYTES - CRC_BYTES, async (at, n) => {
      const r = await this.exchange(CMD.INFO, encodeInfo(at, n), { piece: n, answerBytes: n });
      descriptor.set(this.exactly(r.body, n, 'INFO'), at);
      return r.damaged;
    });
    const { protocolVersion, maxFrame, inputCapacity, outputCapacity, memoryBytes, heapBytes, traps } = head;
    return { protocolVersion, maxFrame, inputCapacity, outputCapacity, memoryBytes, heapBytes, traps, ...decodeDescriptor(descriptor) };
  }

  /** Writes `input` into the agent's input buffer in frame-sized pieces. */
  async load(input: Uint8Array): Promise<void> {
    await this.pieces(input.length, this.maxFrame - HEADER_BYTES - CRC_BYTES - 4, async (at, n) => {
      const r = await this.exchange(CMD.LOAD, encodeLoad(at, input.subarray(at, at + n)), { piece: n });
      const v = new DataView(r.body.buffer, r.body.byteOffset, r.body.length);
      if (r.body.length !== 8 || v.getUint32(0, true) !== at || v.getUint32(4, true) !== n) {
        throw new CapmarkError('PROTOCOL', `LOAD of ${n} B at ${at} was answered for another piece`);
      }
      return r.damaged;
    });
  }

  async bench(req: BenchRequest, timeoutMs: number): Promise<BenchResponse> {
    return decodeBench(await this.request(CMD.BENCH, encodeBench(req), timeoutMs));
  }

  /** Reads `length` bytes of the agent's output buffer. */
  async read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    await this.pieces(length, this.maxFrame - HEADER_BYTES - CRC_BYTES, async (at, n) => {
      const r = await this.exchange(CMD.READ, encodeRead(at, n), { piece: n, answerBytes: n });
      out.set(this.exactly(r.body, n, 'READ'), at);
      return r.damaged;
    });
    return out;
  }

  private exactly(body: Uint8Array, n: number, what: string): Uint8Array {
    if (body.length !== n) throw new CapmarkError('PROTOCOL', `${what} of ${n} B was answered with ${body.length} B`);
    return body;
  }

  request(type: number, body: Uint8Array, timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    return this.exchange(type, body, { timeoutMs }).then((r) => r.body);
  }

  /**
   * Moves `total` bytes in pieces of at most `max`: a piece the link keeps damaging is given up
   * (its request is idempotent) and sent again as two halves, down to MIN_PIECE; after clean
   * pieces the size doubles again. `send` returns how many damaged answers its piece cost.
   */
  private async pieces(total: number, max: number, send: (at: number, n: number) => Promise<number>) {
    for (let at = 0; at < total;) {
      const n = Math.min(this.piece, max, total - at);
      let damaged: number;
      try { damaged = await send(at, n); } catch (e) {
        if (isCapmarkError(e) && e.code === 'LINK_DAMAGED' && n > MIN_PIECE) { this.piece = Math.max(MIN_PIECE, n >> 1); continue; }
        throw e;
      }
      at += n;
      if (damaged === 0) this.piece = Math.min(this.maxFrame, this.piece * 2);
    }
  }

  private exchange(type: number, body: Uint8Array, o: { timeoutMs?: number; piece?: number; answerBytes?: number; session?: number }): Promise<{ body: Uint8Array; damaged: number }> {
    if (this.pending) throw new Error('AgentClient: one request at a time');
    if (HEADER_BYTES + body.length + CRC_BYTES > this.maxFrame) {
      throw new CapmarkError('FRAME_TOO_LARGE', `request of ${body.length} bytes exceeds the agent's frame limit ${this.maxFrame}`);
    }
    this.seq = (this.seq + 1) % NO_SEQ;
    // A second delimiter: if the link loses the first, the frame still ends (an empty frame is ignored).
    const frame = encodeFrame(type, this.seq, body);
    const wire = new Uint8Array(frame.length + 1);
    wire.set(frame);
    const damagedLimit = o.piece !== undefined && o.piece > MIN_PIECE ? SPLIT_AFTER : this.damagedRetries;
    return new Promise((resolve, reject) => {
      this.pending = {
        seq: this.seq, type, frame: wire, timeoutMs: o.timeoutMs ?? this.timeoutMs, session: o.session, started: 0,
        answerBytes: (o.answerBytes ?? 64) + 16,
        attempts: 0, silent: 0, damaged: 0, damagedLimit, resolve, reject,
      };
      this.send();
    });
  }

  private send() {
    const p = this.pending!;
    p.attempts++;
    p.started = Date.now();
    clearTimeout(p.timer);
    const onTheWire = 5 * this.msPerByte * (p.frame.length + p.answerBytes);
    p.timer = setTimeout(() => this.onSilence(), Math.max(p.timeoutMs, onTheWire));
    this.link.write(p.frame).catch((e) => this.fail(new CapmarkError('LINK_WRITE', `cannot write to ${this.link.description}: ${e.message}`)));
  }

  private onSilence() {
    const p = this.pending;
    if (!p) return;
    if (++p.silent > this.retries) { this.fail(this.giveUp(p)); return; }
    this.stats.resent++;
    this.send();
  }

  private onDamaged() {
    this.stats.damaged++;
    const p = this.pending;
    if (!p) return;
    if (++p.damaged > p.damagedLimit) { this.fail(this.giveUp(p)); return; }
    this.stats.resent++;
    this.send();
  }

  /** The error for a request given up: the link when it carried damaged frames, else the board. */
  private giveUp(p: Pending): CapmarkError {
    const link = this.link.description;
    if (p.damaged > 0) {
      return new CapmarkError('LINK_DAMAGED', `the link ${link} damaged ${p.damaged} of ${p.attempts} answers in a row `
        + `(the agent is answering, the bytes arrive corrupted, lost or repeated): check the cable, connectors, `
        + `baud rate and ground, or use a shorter/shielded cable`);
    }
    return new CapmarkError('NO_ANSWER', `no valid answer from the agent on ${link} after ${p.attempts} attempts: `
      + `the board is silent; check it is powered and flashed with the capmark agent, and the port and baud rate`);
  }

  private fail(e: Error) {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    p.reject(e);
  }

  private onData(chunk: Uint8Array) {
    this.handle(this.deframer.push(chunk));
    // A frame whose delimiter the link lost would wait for the next frame: cut it off after a quiet spell.
    clearTimeout(this.idle);
    if (this.deframer.partial) this.idle = setTimeout(() => this.handle(this.deframer.flush()), this.idleMs);
  }

  private handle(events: ReturnType<Deframer['push']>) {
    for (const ev of events) {
      if (ev.kind === 'fault') {
        this.fail(new CapmarkError('BOARD_FAULT', `the board reported "${ev.text}"; it must be reset`));
        continue;
      }
      if (ev.kind === 'damaged') { this.onDamaged(); continue; }
      const { frame } = ev;
      const p = this.pending;
      if (frame.type === ERROR && frame.seq === NO_SEQ) { this.onDamaged(); continue; } // the agent's NAK
      if (!p || frame.seq !== p.seq) continue; // a late duplicate of an answered request
      if (p.session !== undefined && !this.opensSession(p, frame)) continue;
      clearTimeout(p.timer);
      this.pending = undefined;
      if (frame.type === ERROR) {
        const { code, message } = decodeError(frame.body);
        p.reject(code === 'BAD_VERSION'
          ? new CapmarkError('PROTOCOL_VERSION', `the agent on ${this.link.description} speaks another protocol version than this profiler (${PROTOCOL_VERSION}): rebuild and flash the firmware (capmark build)`)
          : new CapmarkError(`AGENT_${code}`, `agent: ${message}`));
      } else if (frame.type !== (p.type | RESPONSE)) {
        p.reject(new CapmarkError('PROTOCOL', `expected response 0x${(p.type | RESPONSE).toString(16)}, got 0x${frame.type.toString(16)}`));
      } else {
        if (p.attempts === 1 && p.type !== CMD.BENCH) this.measureSpeed(p, frame.body.length); // BENCH time is the kernel's
        p.resolve({ body: frame.body, damaged: p.damaged });
      }
    }
  }

  /** Folds one clean exchange into the link speed (moving average). */
  private measureSpeed(p: Pending, answerBody: number) {
    const sample = (Date.now() - p.started) / (p.frame.length + answerBody + 16);
    this.msPerByte = this.msPerByte ? 0.7 * this.msPerByte + 0.3 * sample : sample;
  }

  /** While HELLO is pending, only its own answer (same session) or a version mismatch counts:
   *  anything else with its sequence number is left over from an earlier session. */
  private opensSession(p: Pending, frame: { type: number; version: number; body: Uint8Array }): boolean {
    if (frame.type === ERROR) return decodeError(frame.body).code === 'BAD_VERSION';
    if (frame.type !== (CMD.HELLO | RESPONSE) || frame.body.length < 5) return false;
    return frame.body[0] !== PROTOCOL_VERSION || new DataView(frame.body.buffer, frame.body.byteOffset).getUint32(1, true) === p.session;
  }

  async close() {
    clearTimeout(this.idle);
    this.fail(new CapmarkError('CLOSED', 'link closed'));
    await this.link.close();
  }
}
