// Consistent Overhead Byte Stuffing (Cheshire & Baker 1999): removes every 0x00 from a
// frame so that 0x00 can delimit frames on the serial link.

export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / 254) + 1);
  let codePos = 0, at = 1, code = 1;
  for (const b of data) {
    if (b === 0) {
      out[codePos] = code; codePos = at++; code = 1;
    } else {
      out[at++] = b; code++;
      if (code === 0xff) { out[codePos] = code; codePos = at++; code = 1; }
    }
  }
  out[codePos] = code;
  return out.subarray(0, at);
}

/** Decodes one COBS block sequence (without the delimiter); null when malformed. */
export function cobsDecode(data: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(data.length);
  let at = 0, i = 0;
  while (i < data.length) {
    const code = data[i++];
    if (code === 0 || i + code - 1 > data.length) return null;
    for (let k = 1; k < code; k++) {
      if (data[i] === 0) return null;
      out[at++] = data[i++];
    }
    if (code !== 0xff && i < data.length) out[at++] = 0;
  }
  return out.subarray(0, at);
}
