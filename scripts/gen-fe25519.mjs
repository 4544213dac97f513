// Prints the unrolled limb arithmetic of wasm/lib/fe25519.ts (paste between the GENERATED
// markers). Radix 2^25.5: limb i holds bits from ceil(25.5 i), 26 bits for even i, 25 for odd.
// Every product term is one signed 32x32->64 multiply-accumulate (SMLAL on Cortex-M4):
// coefficients (2 for odd*odd, 19 for wrap-around past 2^255) are folded into precomputed
// operands 2f_i, 19g_j, 38f_j that still fit in 32 bits. Before printing, it checks the
// worst-case bounds of the fe25519.ts header (32-bit operands, 63-bit sums).
const N = 10;
const odd = (i) => i & 1;
const out = [];
const emit = (s) => out.push(s);
const loads = (name) => { for (let i = 0; i < N; i++) emit(`  const ${name}${i} = load<i32>(${name}, ${4 * i});`); };
const stores = (o, v) => { for (let i = 0; i < N; i++) emit(`  store<i32>(${o}, ${v(i)}, ${4 * i});`); };

/** Carry chain over i64 locals h0..h9: h0 -> h1 -> ... -> h9 -> h0 (times 19) -> h1, with
 *  rounding carries, so each limb ends in [-2^25, 2^25) (even) or [-2^24, 2^24) (odd), h1 a
 *  little more (the last carry is below 2^17). */
function carryAndStore() {
  emit('  // c = round(h / 2^bits); the carry out of h9 re-enters h0 times 19 (2^255 = 19 mod p).');
  emit('  let c: i64 = 0;');
  const step = (i) => {
    const bits = odd(i) ? 25 : 26;
    const half = `${1 << (bits - 1)}`;
    const next = i === 9 ? 'h0 += c * 19;' : `h${i + 1} += c;`;
    // The limb left behind fits in 32 bits: compute it there (cheaper than a 64-bit shift).
    emit(`  c = (h${i} + ${half}) >> ${bits}; h${i} = <i64>(<i32>h${i} - (<i32>c << ${bits})); ${next}`);
  };
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]) step(i);
  stores('o', (i) => `<i32>h${i}`);
}

// ---- multiply
emit('/** o = f * g mod p. Limbs of f, g within 2^26.1 in magnitude (any output here is). */');
emit('export function feMul(o: usize, f: usize, g: usize): void {');
loads('f'); loads('g');
for (let i = 1; i < N; i += 2) emit(`  const f${i}_2 = f${i} << 1;`);
for (let j = 1; j < N; j++) emit(`  const g${j}_19 = g${j} * 19;`);
for (let k = 0; k < N; k++) {
  const terms = [];
  for (let i = 0; i < N; i++) {
    let j = k - i; let wrap = false;
    if (j < 0) { j += N; wrap = true; }
    const a = odd(i) && odd(j) ? `f${i}_2` : `f${i}`;
    const b = wrap ? `g${j}_19` : `g${j}`;
    terms.push(`<i64>${a} * <i64>${b}`);
  }
  emit(`  let h${k}: i64 = ${terms.join(' + ')};`);
}
carryAndStore();
emit('}', '');

// ---- square
emit('/** o = f^2 mod p: 55 products instead of 100 (each cross product once, doubled). */');
emit('export function feSq(o: usize, f: usize): void {');
loads('f');
for (let i = 0; i < N; i++) emit(`  const f${i}_2 = f${i} << 1;`);
for (let j = 5; j < N; j++) emit(`  const f${j}_19 = f${j} * 19;`);
for (let j = 5; j < N; j += 2) emit(`  const f${j}_38 = f${j} * 38;`);
for (let k = 0; k < N; k++) {
  const terms = [];
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      if ((i + j) % N !== k) continue;
      const wrap = i + j >= N;
      const bothOdd = odd(i) && odd(j);
      let a, b;
      if (i === j) {
        a = odd(i) ? `f${i}_2` : `f${i}`;
        b = wrap ? `f${j}_19` : `f${j}`;
      } else {
        a = `f${i}_2`;
        b = wrap ? (bothOdd ? `f${j}_38` : `f${j}_19`) : (bothOdd ? `f${j}_2` : `f${j}`);
      }
      terms.push(`<i64>${a} * <i64>${b}`);
    }
  }
  emit(`  let h${k}: i64 = ${terms.join(' + ')};`);
}
carryAndStore();
emit('}', '');

// ---- carry, add, sub and the ladder's fused forms
emit('/** o = f carried back into the ranges above (e.g. after feFromBytes). */');
emit('export function feCarry(o: usize, f: usize): void {');
loads('f');
for (let i = 0; i < N; i++) emit(`  let h${i}: i64 = <i64>f${i};`);
carryAndStore();
emit('}', '');
for (const [name, op, what] of [['feAdd', '+', 'f + g'], ['feSub', '-', 'f - g']]) {
  emit(`/** o = ${what} limb by limb, without carries (see the bounds in the file header). */`);
  emit(`export function ${name}(o: usize, f: usize, g: usize): void {`);
  loads('f'); loads('g');
  stores('o', (i) => `(f${i} ${op} g${i})`);
  emit('}', '');
}
emit('/** s = f + g and d = f - g in one pass (the ladder and point formulas pair them). */');
emit('@inline export function feAddSub(s: usize, d: usize, f: usize, g: usize): void {');
loads('f'); loads('g');
stores('s', (i) => `(f${i} + g${i})`);
stores('d', (i) => `(f${i} - g${i})`);
emit('}', '');
emit('/** e = f - g (no carry) and o = f + k e (carried), k < 2^17: RFC 7748 §5 E = AA - BB and');
emit(' *  AA + a24 E in one pass. */');
emit('export function feSubMulAdd(e: usize, o: usize, f: usize, g: usize, k: i32): void {');
loads('f'); loads('g');
stores('e', (i) => `(f${i} - g${i})`);
for (let i = 0; i < N; i++) emit(`  let h${i}: i64 = <i64>f${i} + <i64>(f${i} - g${i}) * <i64>k;`);
carryAndStore();
emit('}', '');

// ---- worst-case bounds (fe25519.ts header) checked before printing: all limbs at +bound
// maximise every |h_k|; "1x" is |limb| <= 2^25 (even) / 2^24 (odd) plus the late carries.
{
  const one = (i) => (odd(i) ? 2n ** 24n : 2n ** 25n) + 2n ** 17n;
  const lim = (x) => Array.from({ length: N }, (_, i) => one(i) * BigInt(x));
  const I31 = 2n ** 31n, I63 = 2n ** 63n;
  const assert = (ok, what) => { if (!ok) throw new Error(`bound violated: ${what}`); };
  const mulMax = (fx, gx) => {
    const f = lim(fx), g = lim(gx);
    for (let i = 1; i < N; i += 2) assert(2n * f[i] < I31, `2f at ${fx}x`);
    for (let j = 1; j < N; j++) assert(19n * g[j] < I31, `19g at ${gx}x`);
    for (let k = 0; k < N; k++) {
      let h = 0n;
      for (let i = 0; i < N; i++) {
        let j = k - i, w = 1n;
        if (j < 0) { j += N; w = 19n; }
        h += (odd(i) && odd(j) ? 2n : 1n) * w * f[i] * g[j];
      }
      assert(h < I63, `mul sum at ${fx}x * ${gx}x`);
    }
  };
  const sqMax = (fx) => {
    const f = lim(fx);
    for (let j = 5; j < N; j++) assert((odd(j) ? 38n : 19n) * f[j] < I31, `38f/19f at ${fx}x`);
    for (let k = 0; k < N; k++) {
      let h = 0n;
      for (let i = 0; i < N; i++) for (let j = i; j < N; j++) {
        if ((i + j) % N !== k) continue;
        h += (i === j ? 1n : 2n) * (odd(i) && odd(j) ? 2n : 1n) * (i + j >= N ? 19n : 1n) * f[i] * f[j];
      }
      assert(h < I63, `sq sum at ${fx}x`);
    }
  };
  mulMax(4, 3); mulMax(3, 3); sqMax(3);
}

console.log(out.join('\n').trimEnd());
