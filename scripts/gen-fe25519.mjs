// Prints the unrolled 8x32-bit multiply and square of wasm/lib/fe25519.ts (paste between the
// GENERATED markers). Unrolled so every limb stays in a local (a register or stack slot on the
// device) instead of a masked linear-memory access; each step is the UMAAL shape
// t = a*b + r + carry, which fits 64 bits exactly.
const N = 8;
const out = [];
const loads = (name) => Array.from({ length: N }, (_, i) => `  const ${name}${i} = load<u32>(${name}, ${4 * i});`);
const reduce = () => {
  out.push('  // 2^256 = 38 (mod p): fold the high half onto the low half, twice for the last carry.');
  for (let i = 0; i < N; i++) {
    const prev = i === 0 ? '' : ' + (t >> 32)';
    out.push(`  t = <u64>r${i + N} * 38 + <u64>r${i}${prev}; r${i} = <u32>t;`);
  }
  out.push('  t = (t >> 32) * 38 + <u64>r0; r0 = <u32>t;');
  for (let i = 1; i < N; i++) out.push(`  t = (t >> 32) + <u64>r${i}; r${i} = <u32>t;`);
  out.push('  r0 += <u32>(t >> 32) * 38; // cannot carry: a carry above means the sum wrapped to < 2^11');
  for (let i = 0; i < N; i++) out.push(`  store<u32>(o, r${i}, ${4 * i});`);
};
const decl = () => out.push(`  let ${Array.from({ length: 2 * N }, (_, i) => `r${i}: u32 = 0`).join(', ')};`, '  let t: u64 = 0;');

out.push('/** o = a * b mod p (not canonical: o < 2^256). o may alias a or b. */');
out.push('export function feMul(o: usize, a: usize, b: usize): void {');
out.push(...loads('a'), ...loads('b'));
decl();
for (let i = 0; i < N; i++) {
  for (let j = 0; j < N; j++) {
    const acc = i === 0 ? '' : ` + <u64>r${i + j}`;
    const carry = j === 0 ? '' : ' + (t >> 32)';
    out.push(`  t = <u64>a${i} * <u64>b${j}${acc}${carry}; r${i + j} = <u32>t;`);
  }
  out.push(`  r${i + N} = <u32>(t >> 32);`);
}
reduce();
out.push('}', '');

out.push('/** o = a^2 mod p: 36 products instead of 64 (cross products once, doubled). */');
out.push('export function feSq(o: usize, a: usize): void {');
out.push(...loads('a'));
decl();
for (let i = 0; i < N - 1; i++) {
  for (let j = i + 1; j < N; j++) {
    const acc = i === 0 ? '' : ` + <u64>r${i + j}`;
    const carry = j === i + 1 ? '' : ' + (t >> 32)';
    out.push(`  t = <u64>a${i} * <u64>a${j}${acc}${carry}; r${i + j} = <u32>t;`);
  }
  out.push(`  r${i + N} = <u32>(t >> 32);`);
}
out.push('  // double the cross products (their sum is < 2^511), then add the squares a_i^2');
for (let k = 2 * N - 1; k >= 1; k--) out.push(`  r${k} = (r${k} << 1) | (r${k - 1} >>> 31);`);
out.push('  r0 = 0;');
for (let i = 0; i < N; i++) {
  const c0 = i === 0 ? '' : ' + (t >> 32)';
  out.push(`  t = <u64>a${i} * <u64>a${i} + <u64>r${2 * i}${c0}; r${2 * i} = <u32>t;`);
  out.push(`  t = (t >> 32) + <u64>r${2 * i + 1}; r${2 * i + 1} = <u32>t;`);
}
reduce();
out.push('}');
console.log(out.join('\n'));
