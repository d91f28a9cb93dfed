/**
 * TypeScript scalar functions for the datetime/math families, where DuckDB has no function and SQL cannot say it:
 * erf/erfc (DuckDB 1.5 has neither), the beta distribution (the regularised incomplete beta needs an iterative
 * continued fraction).
 * Registered on every KQL connection through macros.ts's `udfRegistrations`; NULL in → NULL out (DuckDB's default).
 */
import { defineUdfs } from './udf-registry.js';
import { DOUBLE } from '@duckdb/node-api';

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erf by the everywhere-convergent series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)): all terms are
 * positive, so no cancellation, and full double precision for |x| < 3 (erf-function.md's examples go to ±3).
 */
function erfSeries(x: number): number {
  if (x < 0) return -erfSeries(-x);
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc for x ≥ 3 by its continued fraction (modified Lentz), which keeps the relative precision of the tail. */
function erfcFraction(x: number): number {
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) return 1 - erfSeries(x);
  if (x > 27) return 0;
  return erfcFraction(x);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 3) return erfSeries(x);
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), about 15 significant digits. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularised incomplete beta (Numerical Recipes' betacf, modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b), the beta CDF. */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** beta-cdf-function.md: x outside [0, 1], or alpha/beta outside (0, 10000], give NaN. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x < 0 || x > 1 || !(a > 0 && a <= 10000) || !(b > 0 && b <= 10000)) return NaN;
  return regularizedBeta(x, a, b);
}

/** beta-pdf-function.md: x ∉ (0, 1) or alpha/beta ≤ 0 give NaN. */
export function betaPdf(x: number, a: number, b: number): number {
  if (!(x > 0 && x < 1) || !(a > 0) || !(b > 0)) return NaN;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - (lnGamma(a) + lnGamma(b) - lnGamma(a + b)));
}

/**
 * beta-inv-function.md. Its notes and its example disagree on which bad input gives null and which NaN; the
 * example output (p > 1 → null, alpha < 0 → NaN) is what a cluster printed, so follow it. Bisection on the CDF.
 */
export function betaInv(p: number, a: number, b: number): number | null {
  if (!(p > 0 && p <= 1)) return null;
  if (!(a > 0) || !(b > 0)) return NaN;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

defineUdfs([
  { name: 'kql_erf', params: [DOUBLE], returns: DOUBLE, fn: erf },
  { name: 'kql_erfc', params: [DOUBLE], returns: DOUBLE, fn: erfc },
  { name: 'kql_beta_cdf', params: [DOUBLE, DOUBLE, DOUBLE], returns: DOUBLE, fn: betaCdf },
  { name: 'kql_beta_pdf', params: [DOUBLE, DOUBLE, DOUBLE], returns: DOUBLE, fn: betaPdf },
  { name: 'kql_beta_inv', params: [DOUBLE, DOUBLE, DOUBLE], returns: DOUBLE, fn: betaInv },
]);
