// Request and response bodies of the agent protocol (docs/protocol.md), as plain functions
// between bytes and objects. Little-endian throughout.

export const CMD = { HELLO: 0x01, LOAD: 0x02, BENCH: 0x03, READ: 0x04, INFO: 0x05 } as const;
export const RESPONSE = 0x80;
export const ERROR = 0x7f;
export const NO_SEQ = 0xffff;
export const AGENT_ERRORS: Record<number, string> = {
  1: 'BAD_FRAME', 2: 'FRAME_TOO_LARGE', 3: 'BAD_VERSION', 4: 'UNKNOWN_COMMAND', 5: 'BAD_REQUEST', 6: 'TRAPPED',
};

/** HELLO's answer: the fixed part (HelloHead) plus the descriptor fetched with INFO. */
export interface Hello {
  protocolVersion: number;
  maxFrame: number;
  inputCapacity: number;
  outputCapacity: number;
  memoryBytes: number;
  heapBytes: number;
  /** Kernel traps the agent recovered from since boot (kept outside the module). */
  traps: number;
  agentVersion: string;
  /** key=value pairs the board reports: board, runtime, cc, counter, counter_hz, trng. */
  info: Record<string, string>;
  /** Device kernel table: name -> op names, in wire-id order. */
  kernels: { name: string; ops: string[] }[];
}

export type HelloHead = Omit<Hello, 'agentVersion' | 'info' | 'kernels'> & { session: number; descriptorBytes: number };

export interface BenchRequest { kernel: number; op: number; iterations: number; warmup: number; inputLength: number }

export interface BenchResponse {
  status: number;
  outputLength: number;
  digest: Uint8Array;
  stackBytes: number;
  iterations: number;
  consistent: boolean;
  ticks: { min: number; median: number; max: number };
}

class Reader {
  private at = 0;
  private view: DataView;
  constructor(private bytes: Uint8Array) { this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length); }
  u8() { return this.view.getUint8(this.take(1)); }
  u16() { return this.view.getUint16(this.take(2), true); }
  u32() { return this.view.getUint32(this.take(4), true); }
  i32() { return this.view.getInt32(this.take(4), true); }
  bytesN(n: number) { const at = this.take(n); return this.bytes.slice(at, at + n); }
  str8() { return Buffer.from(this.bytesN(this.u8())).toString('latin1'); }
  str16() { return Buffer.from(this.bytesN(this.u16())).toString('latin1'); }
  private take(n: number) {
    if (this.at + n > this.bytes.length) throw new RangeError(`response truncated at byte ${this.at}`);
    const at = this.at; this.at += n; return at;
  }
}

export function parseKernelTable(table: string): { name: string; ops: string[] }[] {
  return table.split(';').filter(Boolean).map((entry) => {
    const [name, ops = ''] = entry.split(':');
    return { name, ops: ops.split(',').filter(Boolean) };
  });
}

export function encodeHello(session: number): Uint8Array {
  const body = new Uint8Array(4);
  new DataView(body.buffer).setUint32(0, session, true);
  return body;
}

export function decodeHello(body: Uint8Array): HelloHead {
  const r = new Reader(body);
  return {
    protocolVersion: r.u8(), session: r.u32(), maxFrame: r.u16(), inputCapacity: r.u32(), outputCapacity: r.u32(),
    memoryBytes: r.u32(), heapBytes: r.u32(), descriptorBytes: r.u16(), traps: r.u32(),
  };
}

/** The descriptor INFO returns: agent_version str8, board_info str16, kernel_table str16. */
export function decodeDescriptor(bytes: Uint8Array): Pick<Hello, 'agentVersion' | 'info' | 'kernels'> {
  const r = new Reader(bytes);
  const agentVersion = r.str8(), info: Record<string, string> = {};
  for (const pair of r.str16().split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) info[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { agentVersion, info, kernels: parseKernelTable(r.str16()) };
}

/** INFO and READ: offset then length of a piece (INFO's offset is a u16, READ's a u32). */
export function encodeInfo(offset: number, length: number): Uint8Array {
  const body = new Uint8Array(4);
  const v = new DataView(body.buffer);
  v.setUint16(0, offset, true); v.setUint16(2, length, true);
  return body;
}

export function encodeLoad(offset: number, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  new DataView(body.buffer).setUint32(0, offset, true);
  body.set(data, 4);
  return body;
}

export function encodeBench(b: BenchRequest): Uint8Array {
  const body = new Uint8Array(10);
  const v = new DataView(body.buffer);
  v.setUint8(0, b.kernel); v.setUint8(1, b.op); v.setUint16(2, b.iterations, true);
  v.setUint16(4, b.warmup, true); v.setUint32(6, b.inputLength, true);
  return body;
}

export function decodeBench(body: Uint8Array): BenchResponse {
  const r = new Reader(body);
  const status = r.i32(), outputLength = r.u32(), digest = r.bytesN(32), stackBytes = r.u32();
  const iterations = r.u16(), consistent = r.u8() === 1;
  r.u8();
  return { status, outputLength, digest, stackBytes, iterations, consistent, ticks: { min: r.u32(), median: r.u32(), max: r.u32() } };
}

export function encodeRead(offset: number, length: number): Uint8Array {
  const body = new Uint8Array(6);
  const v = new DataView(body.buffer);
  v.setUint32(0, offset, true); v.setUint16(4, length, true);
  return body;
}

export function decodeError(body: Uint8Array): { code: string; message: string } {
  const r = new Reader(body);
  const n = r.u8();
  return { code: AGENT_ERRORS[n] ?? `E${n}`, message: r.str8() };
}
