// The agent core's framing in AssemblyScript itself: CRC-32 check value, COBS encoding of a
// response and byte-by-byte decoding back, resync after garbage, oversize rejection, error
// frames that never touch the cached response.
import { crc32 } from "../../wasm/core/crc32";
import * as frame from "../../wasm/core/frame";
import { sha256 } from "../../wasm/kernels/sha256";

function feed(p: usize, n: i32): i32 {
  let last = frame.RX_NONE;
  for (let i = 0; i < n; i++) {
    const r = frame.rxByte(load<u8>(p + i));
    if (r != frame.RX_NONE) last = r;
  }
  return last;
}

describe("crc32", () => {
  it("has the IEEE check value for '123456789'", () => {
    const s = String.UTF8.encode("123456789");
    expect(crc32(changetype<usize>(s), 9)).toBe(0xcbf43926);
  });
});

describe("frames", () => {
  it("a response encoded by txEncode decodes to the same bytes", () => {
    const t = frame.txBuffer();
    store<u8>(t, 1); store<u8>(t, 0x81, 1); store<u16>(t, 7, 2);
    for (let i = 0; i < 300; i++) store<u8>(t + 4 + i, <u8>(i % 7)); // zeros and a long run
    frame.txEncode(304);
    expect(feed(frame.txEncoded(), frame.txEncodedBytes())).toBe(frame.RX_FRAME);
    expect(frame.rxFrameLen()).toBe(304);
    expect(load<u16>(frame.rxFrame(), 2)).toBe(7);
    expect(load<u8>(frame.rxFrame() + 4 + 299)).toBe(<u8>(299 % 7));
  });

  it("a corrupted byte is reported as a bad frame, the next frame still decodes", () => {
    const t = frame.txBuffer();
    store<u32>(t, 0x00020101);
    frame.txEncode(8);
    const n = frame.txEncodedBytes();
    const copy = heap.alloc(n);
    memory.copy(copy, frame.txEncoded(), n);
    store<u8>(copy + 3, load<u8>(copy + 3) ^ 0x10);
    expect(feed(copy, n)).toBe(frame.RX_BAD_CRC);
    expect(feed(frame.txEncoded(), n)).toBe(frame.RX_FRAME);
  });

  it("an error frame is encoded apart: the cached response stays as it was", () => {
    const t = frame.txBuffer();
    store<u32>(t, 0x00050201); store<u32>(t + 4, 0xdeadbeef);
    frame.txEncode(8);
    const n = frame.txEncodedBytes();
    const before = heap.alloc(n);
    memory.copy(before, frame.txEncoded(), n);
    const e = frame.errBuffer();
    store<u32>(e, 0xffff7f02); store<u16>(e + 4, 0x0001);
    frame.errEncode(6);
    expect(feed(frame.errEncoded(), frame.errEncodedBytes())).toBe(frame.RX_FRAME);
    expect(frame.txEncodedBytes()).toBe(n);
    expect(memory.compare(before, frame.txEncoded(), n)).toBe(0);
  });

  it("a frame longer than MAX_FRAME is dropped as too large", () => {
    let last = frame.RX_NONE;
    for (let i = 0; i < frame.MAX_FRAME + 10; i++) last = frame.rxByte(0x41);
    expect(last).toBe(frame.RX_NONE);
    expect(frame.rxByte(0)).toBe(frame.RX_TOO_LARGE);
  });
});

describe("sha256", () => {
  it("hashes 'abc' to the FIPS 180-4 example digest", () => {
    const s = String.UTF8.encode("abc");
    const out = heap.alloc(32);
    sha256(changetype<usize>(s), 3, out);
    expect(load<u32>(out)).toBe(0xbf1678ba);      // ba7816bf, little-endian load
    expect(load<u32>(out + 28)).toBe(0xad1500f2); // f20015ad
  });
});
