// Generates wasm/lib/mont-unrolled.ts: Montgomery multiplication (FIOS), modular addition and
// subtraction fully unrolled for the
// 8- and 12-limb moduli of P-256 and P-384, with every limb of a, m and the accumulator in a
// local (a register after wasm2c) instead of linear memory. Run: node scripts/gen-mont-unrolled.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function montMulN(n) {
  const L = [];
  const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
  L.push(`/** r = a b R^-1 mod m for ${n}-limb operands below m (R = 2^${32 * n}); r may alias a or b. */`);
  L.push(`export function montMul${n}(r: usize, a: usize, b: usize, m: usize, m0inv: u32): void {`);
  for (const v of ['a', 'm']) L.push('  ' + range(0, n).map((j) => `const ${v}${j} = <u64>load<u32>(${v}, ${4 * j});`).join(' '));
  L.push('  let ' + range(0, n + 1).map((j) => `t${j}: u32 = 0`).join(', ') + ';');
  L.push('  let x: u64, y: u64, c1: u64, c2: u64, q: u64, bi: u64;');
  for (const i of range(0, n)) {
    L.push(`  bi = <u64>load<u32>(b, ${4 * i});`);
    L.push('  x = <u64>t0 + a0 * bi; c1 = x >> 32; q = <u64>(<u32>x * m0inv); y = (x & 0xffffffff) + q * m0; c2 = y >> 32;');
    for (const j of range(1, n)) {
      L.push(`  x = <u64>t${j} + a${j} * bi + c1; c1 = x >> 32; y = (x & 0xffffffff) + q * m${j} + c2; c2 = y >> 32; t${j - 1} = <u32>y;`);
    }
    L.push(`  x = <u64>t${n} + c1 + c2; t${n - 1} = <u32>x; t${n} = <u32>(x >> 32);`);
  }
  L.push('  // t < 2m: keep t only when t - m borrows and there is no top bit (masks, no branch)');
  L.push('  let d: i64 = 0;');
  for (const j of range(0, n)) L.push(`  d += <i64>t${j} - <i64>m${j}; const d${j} = <u32>d; d >>= 32;`);
  L.push(`  const keep = 0 - (<u32>(0 - <i32>d) & (t${n} ^ 1));`);
  for (const j of range(0, n)) L.push(`  store<u32>(r, (t${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
  return L.join('\n');
}

/**
 * Montgomery multiplication for a prime p = sum of s * 2^(32 k) over `terms` [k, s] with p = -1 mod
 * 2^32 (so q = t0): the reduction step adds q p with additions only, no multiplications.
 */
function montMulSparse(name, n, terms) {
  const L = [];
  const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
  const coef = new Map(terms);
  L.push(`/** r = a b R^-1 mod p for ${name} (${n} limbs, p = -1 mod 2^32 and sparse): multiplication-free reduction. */`);
  L.push(`export function montMul${name}(r: usize, a: usize, b: usize): void {`);
  L.push('  ' + range(0, n).map((j) => `const a${j} = <u64>load<u32>(a, ${4 * j});`).join(' '));
  L.push('  let ' + range(0, n + 2).map((j) => `t${j}: u32 = 0`).join(', ') + ';');
  L.push('  let x: u64, c: u64, d: i64, q: i64, bi: u64;');
  for (const i of range(0, n)) {
    L.push(`  bi = <u64>load<u32>(b, ${4 * i});`);
    L.push('  c = 0;');
    for (const j of range(0, n)) L.push(`  x = <u64>t${j} + a${j} * bi + c; t${j} = <u32>x; c = x >> 32;`);
    L.push(`  x = <u64>t${n} + c; t${n} = <u32>x; t${n + 1} = <u32>(x >> 32);`);
    L.push('  // t = (t + q p) / 2^32 with q = t0: limb 0 cancels exactly; signed carries');
    L.push('  q = <i64>t0; d = 0;');
    for (const k of range(1, n + 2)) {
      const s = coef.get(k) ?? 0;
      const term = s === 1 ? ' + q' : s === -1 ? ' - q' : '';
      L.push(`  d += <i64>t${k}${term}; t${k - 1} = <u32>d; d >>= 32;`);
    }
    L.push(`  t${n + 1} = 0;`);
  }
  L.push('  let e: i64 = 0;');
  const pl = (k) => { let v = 0n; for (const [kk, s] of terms) v += BigInt(s) << BigInt(32 * kk); return Number((v >> BigInt(32 * k)) & 0xffffffffn); };
  for (const j of range(0, n)) L.push(`  e += <i64>t${j} - <i64>0x${pl(j).toString(16)}; const d${j} = <u32>e; e >>= 32;`);
  L.push(`  const keep = 0 - (<u32>(0 - <i32>e) & (t${n} ^ 1));`);
  for (const j of range(0, n)) L.push(`  store<u32>(r, (t${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
  return L.join('\n');
}

function modAddN(n) {
  const L = [];
  const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
  L.push(`/** r = a + b mod m for ${n}-limb operands below m; r may alias a or b. */`);
  L.push(`export function modAdd${n}(r: usize, a: usize, b: usize, m: usize): void {`);
  L.push('  let c: u64 = 0, d: i64 = 0;');
  for (const j of range(0, n)) L.push(`  c += <u64>load<u32>(a, ${4 * j}) + <u64>load<u32>(b, ${4 * j}); const s${j} = <u32>c; c >>= 32;`);
  for (const j of range(0, n)) L.push(`  d += <i64>s${j} - <i64>load<u32>(m, ${4 * j}); const d${j} = <u32>d; d >>= 32;`);
  L.push('  const keep = 0 - (<u32>(0 - <i32>d) & (<u32>c ^ 1));          // sum < m: keep it');
  for (const j of range(0, n)) L.push(`  store<u32>(r, (s${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
  L.push('');
  L.push(`/** r = a - b mod m for ${n}-limb operands below m; r may alias a or b. */`);
  L.push(`export function modSub${n}(r: usize, a: usize, b: usize, m: usize): void {`);
  L.push('  let d: i64 = 0;');
  for (const j of range(0, n)) L.push(`  d += <i64>load<u32>(a, ${4 * j}) - <i64>load<u32>(b, ${4 * j}); const d${j} = <u32>d; d >>= 32;`);
  L.push('  const mask = <u32><i32>d;                                          // final borrow: 0 or -1');
  L.push('  let c: u64 = 0;');
  for (const j of range(0, n)) L.push(`  c += <u64>d${j} + <u64>(load<u32>(m, ${4 * j}) & mask); store<u32>(r, <u32>c, ${4 * j}); c >>= 32;`);
  L.push('}');
  return L.join('\n');
}

/**
 * P-256 (p = 2^256 - 2^224 + 2^192 + 2^96 - 1): the 512-bit product (or square: off-diagonal
 * products doubled plus the squares, 36 instead of 64 multiplications) in u32 locals, then the
 * Montgomery reduction with q = limb k (p = -1 mod 2^32) on lazy signed 64-bit limb sums: each
 * pass adds q at limbs k+3, k+6, k+8, subtracts it at k+7 and moves one carry, instead of
 * propagating a carry chain per pass. Fewer instructions than the interleaved form on the M4.
 */
const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
const P256_TERMS = [[3, 1], [6, 1], [7, -1], [8, 1]];                          // limbs of p besides [0, -1]
function reduceP256Lazy(L, n) {
  L.push('  // Montgomery reduction, p = -1 mod 2^32 so q = limb k; lazy signed limb sums, one carry step per pass');
  L.push('  let ' + range(0, 2 * n).map((j) => `u${j}: i64 = <i64>t${j}`).join(', ') + ';');
  L.push('  let q: i64;');
  for (const k of range(0, n)) {
    L.push(`  q = u${k} & 0xffffffff; u${k + 1} += u${k} >> 32;` + P256_TERMS.map(([o, s]) => ` u${k + o} ${s > 0 ? '+' : '-'}= q;`).join(''));
  }
  L.push('  let e: i64 = 0;');
  for (const j of range(n, 2 * n)) L.push(j === 2 * n - 1 ? `  const s${j - n} = <u32>u${j}; const hi = <u32>(u${j} >> 32);` : `  const s${j - n} = <u32>u${j}; u${j + 1} += u${j} >> 32;`);
  const pl = [0xffffffff, 0xffffffff, 0xffffffff, 0, 0, 0, 1, 0xffffffff];
  for (const j of range(0, n)) L.push(`  e += <i64>s${j} - <i64>0x${pl[j].toString(16)}; const d${j} = <u32>e; e >>= 32;`);
  L.push(`  const keep = 0 - (<u32>(0 - <i32>e) & (hi ^ 1));`);
  for (const j of range(0, n)) L.push(`  store<u32>(r, (s${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
}
function montMulP256Lazy() {
  const n = 8, L = [];
  L.push('/** r = a b R^-1 mod p for P-256: full product, then a lazy multiplication-free reduction. r may alias a or b. */');
  L.push('export function montMulP256(r: usize, a: usize, b: usize): void {');
  L.push('  ' + range(0, n).map((j) => `const a${j} = <u64>load<u32>(a, ${4 * j});`).join(' '));
  L.push('  let ' + range(0, 2 * n).map((j) => `t${j}: u32 = 0`).join(', ') + ';');
  L.push('  let x: u64, c: u64, bi: u64;');
  for (const i of range(0, n)) {
    L.push(`  bi = <u64>load<u32>(b, ${4 * i}); c = 0;`);
    for (const j of range(0, n)) L.push(i === 0 ? `  x = a${j} * bi + c; t${i + j} = <u32>x; c = x >> 32;` : `  x = <u64>t${i + j} + a${j} * bi + c; t${i + j} = <u32>x; c = x >> 32;`);
    L.push(`  t${i + n} = <u32>c;`);
  }
  reduceP256Lazy(L, n);
  return L.join('\n');
}
function montSqrP256Lazy() {
  const n = 8, L = [];
  L.push('/** r = a^2 R^-1 mod p for P-256: off-diagonal products doubled plus squares, then the lazy reduction. r may alias a. */');
  L.push('export function montSqrP256(r: usize, a: usize): void {');
  L.push('  ' + range(0, n).map((j) => `const a${j} = <u64>load<u32>(a, ${4 * j});`).join(' '));
  L.push('  let ' + range(0, 2 * n).map((j) => `t${j}: u32 = 0`).join(', ') + ';');
  L.push('  let x: u64, c: u64;');
  for (const i of range(0, n - 1)) {
    L.push('  c = 0;');
    for (const j of range(i + 1, n)) L.push(i === 0 ? `  x = a${j} * a${i} + c; t${i + j} = <u32>x; c = x >> 32;` : `  x = <u64>t${i + j} + a${j} * a${i} + c; t${i + j} = <u32>x; c = x >> 32;`);
    L.push(`  t${i + n} = <u32>c;`);
  }
  L.push(`  t${2 * n - 1} = t${2 * n - 2} >>> 31;`);
  for (let k = 2 * n - 2; k >= 2; k--) L.push(`  t${k} = (t${k} << 1) | (t${k - 1} >>> 31);`);
  L.push('  t1 = t1 << 1;');
  L.push('  c = 0;');
  for (const i of range(0, n)) {
    L.push(`  x = <u64>t${2 * i} + a${i} * a${i} + c; t${2 * i} = <u32>x; c = x >> 32;`);
    L.push(`  x = <u64>t${2 * i + 1} + c; t${2 * i + 1} = <u32>x; c = x >> 32;`);
  }
  reduceP256Lazy(L, n);
  return L.join('\n');
}

/** P-256 modular addition and subtraction with p's limbs as constants (no loads of the modulus). */
function modAddSubP256() {
  const n = 8, L = [], pl = [0xffffffff, 0xffffffff, 0xffffffff, 0, 0, 0, 1, 0xffffffff];
  L.push('/** r = a + b mod p256 for operands below p; r may alias a or b. */');
  L.push('export function modAddP256(r: usize, a: usize, b: usize): void {');
  L.push('  let c: u64 = 0, d: i64 = 0;');
  for (const j of range(0, n)) L.push(`  c += <u64>load<u32>(a, ${4 * j}); c += <u64>load<u32>(b, ${4 * j}); const s${j} = <u32>c; c >>= 32;`);
  for (const j of range(0, n)) L.push(pl[j] === 0 ? `  d += <i64>s${j}; const d${j} = <u32>d; d >>= 32;` : `  d += <i64>s${j} - <i64>0x${pl[j].toString(16)}; const d${j} = <u32>d; d >>= 32;`);
  L.push('  const keep = 0 - (<u32>(0 - <i32>d) & (<u32>c ^ 1));          // sum < p: keep it');
  for (const j of range(0, n)) L.push(`  store<u32>(r, (s${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
  L.push('');
  L.push('/** r = a - b mod p256 for operands below p; r may alias a or b. */');
  L.push('export function modSubP256(r: usize, a: usize, b: usize): void {');
  L.push('  let d: i64 = 0;');
  for (const j of range(0, n)) L.push(`  d += <i64>load<u32>(a, ${4 * j}) - <i64>load<u32>(b, ${4 * j}); const d${j} = <u32>d; d >>= 32;`);
  L.push('  const mask = <u32><i32>d;                                          // final borrow: 0 or -1');
  L.push('  let c: u64 = 0;');
  for (const j of range(0, n)) {
    const addend = pl[j] === 0xffffffff ? 'mask' : pl[j] === 1 ? '(mask & 1)' : null;
    L.push(addend === null ? `  c += <u64>d${j}; store<u32>(r, <u32>c, ${4 * j}); c >>= 32;` : `  c += <u64>d${j} + <u64>${addend}; store<u32>(r, <u32>c, ${4 * j}); c >>= 32;`);
  }
  L.push('}');
  L.push('');
  L.push('/**');
  L.push(' * r = k a mod p256 for a below p and a small public k (2..8): the 9-limb product t = 2^256 t8 + t\'');
  L.push(' * is folded with 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p) into a value below 2p, then one masked');
  L.push(' * subtraction. One pass instead of a chain of modular additions. r may alias a.');
  L.push(' */');
  L.push('export function modScaleP256(r: usize, a: usize, k: u32): void {');
  L.push('  const kk = <u64>k;');
  L.push('  let c: u64 = 0;');
  for (const j of range(0, n)) L.push(`  c += <u64>load<u32>(a, ${4 * j}) * kk; const t${j} = <u32>c; c >>= 32;`);
  L.push('  const t8 = <i64>c;');
  L.push('  let d: i64 = 0;');
  const fold = { 0: ' + t8', 3: ' - t8', 6: ' - t8', 7: ' + t8' };
  for (const j of range(0, n)) L.push(`  d += <i64>t${j}${fold[j] ?? ''}; const s${j} = <u32>d; d >>= 32;`);
  L.push('  let e: i64 = 0;');
  for (const j of range(0, n)) L.push(pl[j] === 0 ? `  e += <i64>s${j}; const d${j} = <u32>e; e >>= 32;` : `  e += <i64>s${j} - <i64>0x${pl[j].toString(16)}; const d${j} = <u32>e; e >>= 32;`);
  L.push('  const keep = 0 - (<u32>(0 - <i32>e) & (<u32>d ^ 1));          // below p and no carry: keep it');
  for (const j of range(0, n)) L.push(`  store<u32>(r, (s${j} & keep) | (d${j} & ~keep), ${4 * j});`);
  L.push('}');
  return L.join('\n');
}

const header = `// GENERATED by scripts/gen-mont-unrolled.mjs — do not edit. Montgomery multiplication,
// modular addition and subtraction unrolled for P-256 (8 limbs) and P-384 (12 limbs): limbs live
// in locals, so the device does not pay a masked memory access per limb step. Constant-time:
// straight-line code, masked carries and final subtraction.
`;

export const OUT = fileURLToPath(new URL('../wasm/lib/mont-unrolled.ts', import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sparse = [
    montMulP256Lazy(), montSqrP256Lazy(),                                           // 2^256 - 2^224 + 2^192 + 2^96 - 1
    montMulSparse('P384', 12, [[0, -1], [1, 1], [3, -1], [4, -1], [12, 1]]),        // 2^384 - 2^128 - 2^96 + 2^32 - 1
  ];
  writeFileSync(OUT, `${header}\n${montMulN(8)}\n\n${montMulN(12)}\n\n${sparse.join('\n\n')}\n\n${modAddN(8)}\n\n${modAddN(12)}\n\n${modAddSubP256()}\n`);
}
