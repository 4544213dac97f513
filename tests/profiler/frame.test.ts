// Framing and CRC: frames survive arbitrary chunking; corrupted, dropped and duplicated
// bytes are detected and never yield a wrong frame; the parser resyncs at the next frame.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { cobsDecode, cobsEncode } from '../../profiler/protocol/cobs.ts';
import { crc32 as ourCrc } from '../../profiler/protocol/crc32.ts';
import { Deframer, encodeFrame } from '../../profiler/protocol/frame.ts';

const frames = (d: Deframer, bytes: Uint8Array, chunks: number[]) => {
  const events = [];
  let at = 0;
  for (const n of chunks) { events.push(...d.push(bytes.subarray(at, at + n))); at += n; }
  events.push(...d.push(bytes.subarray(at)));
  return events;
};

describe('CRC-32 and COBS', () => {
  it('CRC-32 agrees with zlib', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => ourCrc(b) === crc32(b) >>> 0));
  });
  it('COBS round-trips and never emits 0x00', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1200 }), (b) => {
      const enc = cobsEncode(b);
      return !enc.includes(0) && Buffer.from(cobsDecode(enc)!).equals(Buffer.from(b));
    }));
  });
  it('COBS handles runs of 254+ non-zero bytes', () => {
    const b = new Uint8Array(600).fill(7);
    expect(Buffer.from(cobsDecode(cobsEncode(b))!).equals(Buffer.from(b))).toBe(true);
  });
});

describe('Deframer', () => {
  it('yields every frame whatever the chunk boundaries', () => {
    fc.assert(fc.property(
      fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }),
      (bodies, chunks) => {
        const wire = Buffer.concat(bodies.map((b, i) => encodeFrame(0x81, i, b)));
        const evs = frames(new Deframer(), wire, chunks);
        return evs.length === bodies.length && evs.every((e, i) =>
          e.kind === 'frame' && e.frame.seq === i && Buffer.from(e.frame.body).equals(Buffer.from(bodies[i])));
      }));
  });

  it('reports a corrupted byte as damaged, never as a frame, and resyncs', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (body, pos, flip) => {
      const bad = Uint8Array.from(encodeFrame(0x83, 1, body));
      const i = pos % (bad.length - 1); // not the delimiter
      bad[i] ^= flip;
      const good = encodeFrame(0x83, 2, body);
      const evs = new Deframer().push(Buffer.concat([bad, good]));
      const okFrames = evs.filter((e) => e.kind === 'frame');
      // A flipped byte may become 0x00 and split the frame: still never a valid frame with seq 1.
      return okFrames.length === 1 && okFrames[0].kind === 'frame' && okFrames[0].frame.seq === 2
        && evs.some((e) => e.kind === 'damaged');
    }));
  });

  it('reports a dropped byte as damaged', () => {
    const f = encodeFrame(0x81, 9, new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
    for (let i = 0; i < f.length - 1; i++) {
      const dropped = Buffer.concat([f.subarray(0, i), f.subarray(i + 1)]);
      const evs = new Deframer().push(dropped);
      expect(evs.some((e) => e.kind === 'frame'), `drop at ${i}`).toBe(false);
    }
  });

  it('a duplicated frame arrives twice with the same sequence number (the client drops it)', () => {
    const f = encodeFrame(0x81, 5, new Uint8Array([9]));
    const evs = new Deframer().push(Buffer.concat([f, f]));
    expect(evs.map((e) => e.kind === 'frame' && e.frame.seq)).toEqual([5, 5]);
  });

  it('drops a frame over the size limit and keeps going', () => {
    const d = new Deframer(64);
    const evs = d.push(Buffer.concat([encodeFrame(0x81, 1, new Uint8Array(500).fill(1)), encodeFrame(0x81, 2, new Uint8Array(8))]));
    expect(evs[0].kind).toBe('damaged');
    expect(evs[1].kind === 'frame' && evs[1].frame.seq).toBe(2);
  });

  it('recognises the firmware fault line', () => {
    const evs = new Deframer().push(Buffer.from('\0capmark-fault: hard fault\n'));
    expect(evs).toEqual([{ kind: 'fault', text: 'capmark-fault: hard fault' }]);
  });
});
