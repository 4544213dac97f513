// The protocol client: one request at a time over a Link, matched to its response by
// sequence number. Damaged frames and timeouts are answered by resending the same request
// (the agent replays its cached response for a repeated sequence number, so nothing runs
// twice); a board that never answers or reports a fault becomes a CapmarkError.
import { CapmarkError } from '../errors.ts';
import { Deframer, encodeFrame, DEFAULT_MAX_FRAME, HEADER_BYTES, CRC_BYTES, PROTOCOL_VERSION } from './frame.ts';
import {
  CMD, RESPONSE, ERROR, NO_SEQ, decodeHello, decodeBench, decodeError, encodeBench, encodeLoad, encodeRead,
  type Hello, type BenchRequest, type BenchResponse,
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
  /** Resends before giving up. */
  retries?: number;
}

interface Pending {
  seq: number; type: number; frame: Uint8Array; attempts: number; timeoutMs: number;
  resolve(body: Uint8Array): void; reject(e: Error): void; timer?: NodeJS.Timeout;
}

export class AgentClient {
  private deframer = new Deframer();
  private seq = 0;
  private pending?: Pending;
  private maxFrame = DEFAULT_MAX_FRAME;
  private readonly timeoutMs: number;
  private readonly retries: number;
  /** Counters of link trouble seen and recovered from, reported with the results. */
  readonly stats = { resent: 0, damaged: 0 };

  constructor(private link: Link, opts: ClientOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.retries = opts.retries ?? 3;
    link.onData((chunk) => this.onData(chunk));
  }

  async hello(): Promise<Hello> {
    const hello = decodeHello(await this.request(CMD.HELLO, new Uint8Array(0)));
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      throw new CapmarkError('PROTOCOL_VERSION', `agent speaks protocol ${hello.protocolVersion}, this profiler ${PROTOCOL_VERSION}: rebuild the firmware (capmark build)`);
    }
    this.maxFrame = hello.maxFrame;
    this.deframer.setMaxFrame(hello.maxFrame);
    return hello;
  }

  /** Writes `input` into the agent's input buffer in frame-sized pieces. */
  async load(input: Uint8Array): Promise<void> {
    const chunk = this.maxFrame - HEADER_BYTES - CRC_BYTES - 4;
    for (let at = 0; at < input.length; at += chunk) {
      await this.request(CMD.LOAD, encodeLoad(at, input.subarray(at, at + chunk)));
    }
  }

  async bench(req: BenchRequest, timeoutMs: number): Promise<BenchResponse> {
    return decodeBench(await this.request(CMD.BENCH, encodeBench(req), timeoutMs));
  }

  /** Reads `length` bytes of the agent's output buffer. */
  async read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    const chunk = this.maxFrame - HEADER_BYTES - CRC_BYTES;
    for (let at = 0; at < length; at += chunk) {
      const part = await this.request(CMD.READ, encodeRead(at, Math.min(chunk, length - at)));
      out.set(part, at);
    }
    return out;
  }

  request(type: number, body: Uint8Array, timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    if (this.pending) throw new Error('AgentClient: one request at a time');
    if (HEADER_BYTES + body.length + CRC_BYTES > this.maxFrame) {
      throw new CapmarkError('FRAME_TOO_LARGE', `request of ${body.length} bytes exceeds the agent's frame limit ${this.maxFrame}`);
    }
    this.seq = (this.seq + 1) % NO_SEQ;
    const frame = encodeFrame(type, this.seq, body);
    return new Promise((resolve, reject) => {
      this.pending = { seq: this.seq, type, frame, attempts: 0, timeoutMs, resolve, reject };
      this.send();
    });
  }

  private send() {
    const p = this.pending!;
    p.attempts++;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => this.onTimeout(), p.timeoutMs);
    this.link.write(p.frame).catch((e) => this.fail(new CapmarkError('LINK_WRITE', `cannot write to ${this.link.description}: ${e.message}`)));
  }

  private resend() {
    const p = this.pending;
    if (!p) return;
    if (p.attempts > this.retries) {
      this.fail(new CapmarkError('NO_ANSWER', `no valid answer from the agent on ${this.link.description} after ${p.attempts} attempts; check the board is powered, flashed with the capmark agent, and the port/baud are right`));
      return;
    }
    this.stats.resent++;
    this.send();
  }

  private onTimeout() { this.resend(); }

  private fail(e: Error) {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    p.reject(e);
  }

  private onData(chunk: Uint8Array) {
    for (const ev of this.deframer.push(chunk)) {
      if (ev.kind === 'fault') {
        this.fail(new CapmarkError('BOARD_FAULT', `the board reported "${ev.text}"; it must be reset`));
      } else if (ev.kind === 'damaged') {
        this.stats.damaged++;
        this.resend();
      } else {
        const { frame } = ev;
        const p = this.pending;
        if (frame.type === ERROR && frame.seq === NO_SEQ) { this.stats.damaged++; this.resend(); continue; }
        if (!p || frame.seq !== p.seq) continue; // a late duplicate of an answered request
        clearTimeout(p.timer);
        this.pending = undefined;
        if (frame.type === ERROR) {
          const { code, message } = decodeError(frame.body);
          p.reject(new CapmarkError(`AGENT_${code}`, `agent: ${message}`));
        } else if (frame.type !== (p.type | RESPONSE)) {
          p.reject(new CapmarkError('PROTOCOL', `expected response 0x${(p.type | RESPONSE).toString(16)}, got 0x${frame.type.toString(16)}`));
        } else {
          p.resolve(frame.body);
        }
      }
    }
  }

  async close() { this.fail(new CapmarkError('CLOSED', 'link closed')); await this.link.close(); }
}
