// The verifier's durable state: pending challenges (single-use nonces with an expiry),
// finished results by nonce, and enrolled DeviceID keys by UEID. Every change rewrites the
// JSON file atomically (write a temporary file, fsync, rename), so a verifier that restarts
// loses no pending challenge and no result it has not handed out yet.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CapmarkError } from '../errors.ts';

/** A challenge: nonce (hex), validity, and the UEID (hex) of the device it was issued to. */
export interface PendingNonce { nonce: string; issued_at_ms: number; expires_at_ms: number; device: string }
export interface EnrolledDevice { device_id_key: string; key_type: number; enrolled_at_ms: number; label?: string }

export interface StateFile {
  schema: 'capmark-verifier-state/1';
  pending: PendingNonce[];
  results: Record<string, unknown>;
  devices: Record<string, EnrolledDevice>;
}

/** Results kept for late collection; the oldest go first (the file is rewritten whole, so
 *  it stays small: ~1.5 KB a result). */
const MAX_RESULTS = 256;

const empty = (): StateFile => ({ schema: 'capmark-verifier-state/1', pending: [], results: {}, devices: {} });

export class VerifierStore {
  private state: StateFile;

  /** `file` absent: state in memory only (tests, one-shot CLI runs). */
  constructor(readonly file?: string) {
    this.state = file && existsSync(file) ? VerifierStore.read(file) : empty();
  }

  private static read(file: string): StateFile {
    let s: StateFile;
    try { s = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
      throw new CapmarkError('VERIFIER_STATE', `${file}: cannot read the verifier state (${(e as Error).message}); move it away to start afresh`);
    }
    if (s?.schema !== 'capmark-verifier-state/1' || !Array.isArray(s.pending)) {
      throw new CapmarkError('VERIFIER_STATE', `${file}: field "schema" is not capmark-verifier-state/1; move the file away to start afresh`);
    }
    return s;
  }

  private save() {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try { writeSync(fd, JSON.stringify(this.state, null, 1)); fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, this.file);
  }

  addPending(p: PendingNonce) { this.state.pending.push(p); this.save(); }

  /** Removes and returns the pending entry for nonce (hex), dropping expired ones on the way. */
  takePending(nonce: string, nowMs: number): { entry?: PendingNonce; expired: boolean } {
    const i = this.state.pending.findIndex((p) => p.nonce === nonce);
    const entry = i >= 0 ? this.state.pending[i] : undefined;
    const before = this.state.pending.length;
    this.state.pending = this.state.pending.filter((p) => p.nonce !== nonce && p.expires_at_ms > nowMs);
    if (this.state.pending.length !== before) this.save();
    return { entry, expired: !!entry && entry.expires_at_ms <= nowMs };
  }

  pendingCount() { return this.state.pending.length; }

  putResult(nonce: string, result: unknown) {
    this.state.results[nonce] = result;
    const keys = Object.keys(this.state.results);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_RESULTS))) delete this.state.results[k];
    this.save();
  }

  result(nonce: string): unknown { return this.state.results[nonce]; }

  enrol(ueid: string, d: EnrolledDevice) { this.state.devices[ueid] = d; this.save(); }
  device(ueid: string): EnrolledDevice | undefined { return this.state.devices[ueid]; }
}
