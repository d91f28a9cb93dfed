/**
 * Rng: the simulator's seeded pseudo-random source (sfc32, seeded by a 128-bit string hash). Everything the
 * simulator draws goes through one of these, so a seed gives the same tenant byte for byte. `fork(label)`
 * derives an independent stream from the seed and a label, so drawing more for one user or one day never
 * shifts what another user or day gets (adding a scenario does not reshuffle the background).
 */

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = hash128(seed);
    // The first outputs of sfc32 are poorly mixed; discard them (the generator's author recommends 12+).
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A new stream determined by this stream's seed and the label alone (not by how much was drawn). */
  fork(label: string | number): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  /** A float in [0, 1). */
  next(): number {
    // sfc32, inlined for performance: this runs a few times per generated row.
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, chosen with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A normally distributed number (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** An exponentially distributed number with the given mean (e.g. the gap between token refreshes). */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A random-looking version-4 GUID, lower case, as Entra ID writes them. */
  guid(): string {
    const h = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += HEX[Math.floor(this.next() * 16)];
      return s;
    };
    return `${h(8)}-${h(4)}-4${h(3)}-${HEX[8 + Math.floor(this.next() * 4)]}${h(3)}-${h(12)}`;
  }

  /** n characters of base64url text (token identifiers such as UniqueTokenIdentifier). */
  token(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += B64[Math.floor(this.next() * 64)];
    return s;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** cyrb128: four 32-bit words from a string, enough state to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
