// Prints the fixed-base comb table of wasm/lib/ge25519.ts (paste between its GENERATED
// markers): entry m (0..15) = sum over set bits t of m of 2^(64 t) B, in the cached form
// (y+x, y-x, 2, 2dxy) of affine points, as radix-2^25.5 limbs. Computed here with BigInt
// affine arithmetic (RFC 8032 §5.1.4 addition law), independent of the kernel code.
const p = 2n ** 255n - 19n;
const mod = (a) => ((a % p) + p) % p;
const pow = (b, e) => { let r = 1n; b = mod(b); for (; e; e >>= 1n, b = b * b % p) if (e & 1n) r = r * b % p; return r; };
const inv = (a) => pow(a, p - 2n);
const d = mod(-121665n * inv(121666n));
const By = mod(4n * inv(5n));
const Bx = 15112221349535400772501151409588531511454012693041857206046113283949847762202n;
const add = ([x1, y1], [x2, y2]) => {
  const t = d * x1 * x2 * y1 * y2 % p;
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
};
if (mod(-Bx * Bx + By * By - 1n - d * Bx * Bx * By * By) !== 0n) throw new Error('B not on the curve');
const limbs = (x) => Array.from({ length: 10 }, (_, i) =>
  (x >> BigInt(Math.ceil(25.5 * i))) & ((1n << BigInt(i & 1 ? 25 : 26)) - 1n));
let g = [Bx, By];
const teeth = [];
for (let t = 0; t < 4; t++) {
  teeth.push(g);
  for (let k = 0; k < 64; k++) g = add(g, g);
}
const rows = [];
for (let m = 0; m < 16; m++) {
  let q = [0n, 1n];
  for (let t = 0; t < 4; t++) if (m >> t & 1) q = add(q, teeth[t]);
  const [x, y] = q;
  const cached = [mod(y + x), mod(y - x), 2n, mod(2n * d * x * y)];
  rows.push(`  // ${m}\n  ` + cached.map((v) => limbs(v).join(', ')).join(',\n  '));
}
console.log(`const COMB: usize = memory.data<i32>([\n${rows.join(',\n')},\n]);`);
