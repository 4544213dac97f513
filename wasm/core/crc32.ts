// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib's crc32) over frame bytes.
// Bitwise rather than table-driven: 1 KiB less static data, and frames are small.

export function crc32(p: usize, len: i32): u32 {
  let crc: u32 = 0xffffffff;
  for (let i = 0; i < len; i++) {
    crc ^= <u32>load<u8>(p + i);
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & (0 - (crc & 1)));
  }
  return ~crc;
}
