/**
 * Math functions (https://learn.microsoft.com/kusto/query/scalar-functions#math-functions).
 * Kusto returns null where DuckDB raises (log/sqrt of negatives, asin outside [-1, 1]), so those are guarded.
 * erf/erfc and the beta distribution are TypeScript kernels (runtime/udfs-datetime.ts): DuckDB has no erf.
 */
import { scalar, DOCS, type FunctionDef, type LowerContext, type SqlArg } from './define.js';
import { duckdbType } from '../plan/types.js';

/** The argument as DOUBLE: Kusto's math functions take and return `real`. */
const dbl = (a: SqlArg | undefined) => `CAST(${a!.sql} AS DOUBLE)`;

/** A real → real function, null in → null out. */
const real1 = (f: (x: string) => string) => ([x]: readonly SqlArg[]) => f(dbl(x));

/** Cast to the bound result type (e.g. ceiling(long) is long, sign(real) is real). */
const asResult = (sql: string, ctx: LowerContext) => `CAST(${sql} AS ${duckdbType(ctx.resultType)})`;

/**
 * log-function.md, log2, log10: "null if the argument is negative"; log(0) is -∞ as in .NET (DuckDB raises on
 * both, so guard).
 */
const logOf = (fn: string) => real1((x) => `CASE WHEN ${x} < 0 THEN NULL WHEN ${x} = 0 THEN '-Infinity'::DOUBLE ELSE ${fn}(${x}) END`);

/** asin/acos are defined on [-1, 1]; outside it Kusto gives null (asin-function.md), DuckDB raises. */
const arc = (fn: string) => real1((x) => `CASE WHEN ${x} BETWEEN -1 AND 1 THEN ${fn}(${x}) END`);

/**
 * convert_* (convert-length-function.md and siblings): factors to each family's base unit, for the common units
 * the docs list. Temperature is affine and handled separately. Unknown units give null.
 */
const UNITS: Record<string, Record<string, number>> = {
  angle: {
    // base: degree
    arcminute: 1 / 60, arcsecond: 1 / 3600, centiradian: 0.18 / Math.PI, deciradian: 18 / Math.PI, degree: 1,
    gradian: 0.9, microdegree: 1e-6, microradian: 180e-6 / Math.PI, millidegree: 1e-3, milliradian: 0.18 / Math.PI,
    nanodegree: 1e-9, nanoradian: 180e-9 / Math.PI, natomil: 0.05625, radian: 180 / Math.PI, revolution: 360,
  },
  energy: {
    // base: joule
    britishthermalunit: 1055.05585262, calorie: 4.184, decathermec: 1.05505585262e9, decathermimperial: 1.05505585257348e9,
    decathermus: 1.054804e9, electronvolt: 1.602176634e-19, erg: 1e-7, footpound: 1.355817948,
    gigabritishthermalunit: 1055.05585262e9, gigaelectronvolt: 1.602176634e-10, gigajoule: 1e9, gigawattday: 8.64e13,
    gigawatthour: 3.6e12, horsepowerhour: 2.6845195377e6, joule: 1, kilobritishthermalunit: 1055.05585262e3,
    kilocalorie: 4184, kiloelectronvolt: 1.602176634e-16, kilojoule: 1e3, kilowattday: 8.64e7, kilowatthour: 3.6e6,
    megabritishthermalunit: 1055.05585262e6, megacalorie: 4.184e6, megaelectronvolt: 1.602176634e-13, megajoule: 1e6,
    megawattday: 8.64e10, megawatthour: 3.6e9, millijoule: 1e-3, terawattday: 8.64e16, terawatthour: 3.6e15,
    thermec: 105505585.262, thermimperial: 105505585.257348, thermus: 105480400, wattday: 86400, watthour: 3600,
  },
  force: {
    // base: newton
    decanewton: 10, dyn: 1e-5, kilogramforce: 9.80665, kilonewton: 1e3, kiloponds: 9.80665, kilopoundforce: 4448.2216152605,
    meganewton: 1e6, micronewton: 1e-6, millinewton: 1e-3, newton: 1, ounceforce: 0.27801385095378125,
    poundal: 0.138254954376, poundforce: 4.4482216152605, shortton: 8896.443230521, tonneforce: 9806.65,
  },
  length: {
    // base: meter
    angstrom: 1e-10, astronomicalunit: 1.495978707e11, centimeter: 1e-2, chain: 20.1168, decameter: 10, decimeter: 0.1,
    datamile: 1828.8, fathom: 1.8288, foot: 0.3048, hand: 0.1016, hectometer: 100, inch: 0.0254, kilofoot: 304.8,
    kilolightyear: 9.46073047258e18, kilometer: 1e3, kiloparsec: 3.08567758128e19, lightyear: 9.46073047258e15,
    megalightyear: 9.46073047258e21, megaparsec: 3.08567758128e22, meter: 1, microinch: 2.54e-8, micrometer: 1e-6,
    mil: 2.54e-5, mile: 1609.344, millimeter: 1e-3, nanometer: 1e-9, nauticalmile: 1852, parsec: 3.08567758128e16,
    printerpica: 0.0254 / 6, printerpoint: 0.0254 / 72, shackle: 27.432, solarradius: 6.95510000e8, twip: 0.0254 / 1440,
    ussurveyfoot: 1200 / 3937, yard: 0.9144,
  },
  mass: {
    // base: kilogram
    centigram: 1e-5, decagram: 1e-2, decigram: 1e-4, earthmass: 5.9722e24, grain: 64.79891e-6, gram: 1e-3,
    hectogram: 0.1, kilogram: 1, kilopound: 453.59237, kilotonne: 1e6, longhundredweight: 50.80234544,
    longton: 1016.0469088, megapound: 453592.37, megatonne: 1e9, microgram: 1e-9, milligram: 1e-6, nanogram: 1e-12,
    ounce: 0.028349523125, pound: 0.45359237, shorthundredweight: 45.359237, shortton: 907.18474, slug: 14.593903,
    solarmass: 1.98947e30, stone: 6.35029318, tonne: 1e3,
  },
  speed: {
    // base: meter per second
    centimeterperhour: 1 / 360000, centimeterperminute: 1 / 6000, centimeterpersecond: 0.01,
    decimeterperminute: 1 / 600, decimeterpersecond: 0.1, footperhour: 0.3048 / 3600, footperminute: 0.3048 / 60,
    footpersecond: 0.3048, inchperhour: 0.0254 / 3600, inchperminute: 0.0254 / 60, inchpersecond: 0.0254,
    kilometerperhour: 1 / 3.6, kilometerperminute: 1000 / 60, kilometerpersecond: 1000, knot: 1852 / 3600,
    meterperhour: 1 / 3600, meterperminute: 1 / 60, meterpersecond: 1, micrometerperminute: 1e-6 / 60,
    micrometerpersecond: 1e-6, mileperhour: 0.44704, millimeterperhour: 1e-3 / 3600, millimeterperminute: 1e-3 / 60,
    millimeterpersecond: 1e-3, nanometerperminute: 1e-9 / 60, nanometerpersecond: 1e-9,
    ussurveyfootperhour: 1200 / 3937 / 3600, ussurveyfootperminute: 1200 / 3937 / 60, ussurveyfootpersecond: 1200 / 3937,
    yardperhour: 0.9144 / 3600, yardperminute: 0.9144 / 60, yardpersecond: 0.9144,
  },
  volume: {
    // base: cubic meter
    // UnitsNet's (the library behind convert_*) acre-foot is 1/0.000810714 m³; convert-volume-function.md's
    // example (1.2 m³ → 0.0009728568 acre-feet) follows it, not the exact 1233.4818 m³.
    acrefoot: 1 / 0.000810714, auditbarrel: 0.158987294928, centiliter: 1e-5, cubiccentimeter: 1e-6,
    cubicdecimeter: 1e-3, cubicfoot: 0.028316846592, cubichectometer: 1e6, cubicinch: 1.6387064e-5,
    cubickilometer: 1e9, cubicmeter: 1, cubicmicrometer: 1e-18, cubicmile: 4.168181825440579584e9,
    cubicmillimeter: 1e-9, cubicyard: 0.764554857984, decaliter: 1e-2, deciliter: 1e-4, hectoliter: 0.1,
    imperialbeerbarrel: 0.16365924, imperialgallon: 4.54609e-3, imperialounce: 2.84130625e-5, imperialpint: 5.6826125e-4,
    kiloliter: 1, liter: 1e-3, megaliter: 1e3, microliter: 1e-9, milliliter: 1e-6, oilbarrel: 0.158987294928,
    uscustomarycup: 2.365882365e-4, usgallon: 3.785411784e-3, usounce: 2.95735295625e-5, uspint: 4.73176473e-4,
    usquart: 9.46352946e-4, ustablespoon: 1.478676478125e-5, usteaspoon: 4.92892159375e-6,
  },
};

/** convert_<family>(value, from, to): value × factor(from) / factor(to), null for an unknown unit. */
function convert(family: string): (args: readonly SqlArg[]) => string {
  const table = UNITS[family]!;
  const entries = Object.entries(table);
  const factor = (u: SqlArg) => {
    if (typeof u.constant === 'string') {
      const f = table[u.constant.toLowerCase()];
      return f === undefined ? 'CAST(NULL AS DOUBLE)' : String(f);
    }
    return `(CASE lower(${u.sql}) ${entries.map(([k, v]) => `WHEN '${k}' THEN ${v}`).join(' ')} END)`;
  };
  return ([v, from, to]) => `(${dbl(v)} * ${factor(from!)} / ${factor(to!)})`;
}

/** convert_temperature: to kelvin, then from kelvin (convert-temperature-function.md). */
function convertTemperature([v, from, to]: readonly SqlArg[]): string {
  const toK = (x: string, u: string) => `(CASE lower(${u})
    WHEN 'kelvin' THEN ${x} WHEN 'degreecelsius' THEN ${x} + 273.15 WHEN 'degreefahrenheit' THEN (${x} + 459.67) * 5 / 9
    WHEN 'degreerankine' THEN ${x} * 5 / 9 WHEN 'degreedelisle' THEN 373.15 - ${x} * 2 / 3
    WHEN 'degreenewton' THEN ${x} * 100 / 33 + 273.15 WHEN 'degreereaumur' THEN ${x} * 5 / 4 + 273.15
    WHEN 'degreeroemer' THEN (${x} - 7.5) * 40 / 21 + 273.15 WHEN 'solartemperature' THEN ${x} * 5778 END)`;
  const fromK = (k: string, u: string) => `(CASE lower(${u})
    WHEN 'kelvin' THEN ${k} WHEN 'degreecelsius' THEN ${k} - 273.15 WHEN 'degreefahrenheit' THEN ${k} * 9 / 5 - 459.67
    WHEN 'degreerankine' THEN ${k} * 9 / 5 WHEN 'degreedelisle' THEN (373.15 - ${k}) * 3 / 2
    WHEN 'degreenewton' THEN (${k} - 273.15) * 33 / 100 WHEN 'degreereaumur' THEN (${k} - 273.15) * 4 / 5
    WHEN 'degreeroemer' THEN (${k} - 273.15) * 21 / 40 + 7.5 WHEN 'solartemperature' THEN ${k} / 5778 END)`;
  return fromK(toK(dbl(v), from!.sql), to!.sql);
}

export const mathFunctions = [
  scalar('abs', { doc: DOCS + 'abs-function', sql: ([x]) => `abs(${x!.sql})` }),
  scalar('round', {
    doc: DOCS + 'round-function',
    sql: ([x, p]) => (p ? `round(${x!.sql}, CAST(${p.sql} AS INTEGER))` : `round(${x!.sql})`),
  }),
  // ceiling keeps the argument's type (ceiling-function.md: ceiling(0) → 0).
  scalar('ceiling', { doc: DOCS + 'ceiling-function', sql: ([x], ctx) => asResult(`ceil(${x!.sql})`, ctx) }),
  scalar('sign', { doc: DOCS + 'sign-function', sql: ([x], ctx) => asResult(`sign(${x!.sql})`, ctx) }),
  scalar('pow', { doc: DOCS + 'pow-function', sql: ([x, y]) => `pow(${dbl(x)}, ${dbl(y)})` }),
  // sqrt-function.md: "null if the argument is negative".
  scalar('sqrt', { doc: DOCS + 'sqrt-function', sql: real1((x) => `CASE WHEN ${x} >= 0 OR isnan(${x}) THEN sqrt(${x}) END`) }),
  scalar('exp', { doc: DOCS + 'exp-function', sql: real1((x) => `exp(${x})`) }),
  scalar('exp2', { doc: DOCS + 'exp2-function', sql: real1((x) => `pow(2.0, ${x})`) }),
  scalar('exp10', { doc: DOCS + 'exp10-function', sql: real1((x) => `pow(10.0, ${x})`) }),
  // DuckDB's log() is base 10; Kusto's log() is the natural logarithm (log-function.md).
  scalar('log', { doc: DOCS + 'log-function', sql: logOf('ln') }),
  scalar('log2', { doc: DOCS + 'log2-function', sql: logOf('log2') }),
  scalar('log10', { doc: DOCS + 'log10-function', sql: logOf('log10') }),
  // DuckDB raises at the poles (gamma(0)); try() turns that into null.
  scalar('gamma', { doc: DOCS + 'gamma-function', sql: real1((x) => `try(gamma(${x}))`) }),
  scalar('loggamma', { doc: DOCS + 'loggamma-function', sql: real1((x) => `try(lgamma(${x}))`) }),
  scalar('sin', { doc: DOCS + 'sin-function', sql: real1((x) => `sin(${x})`) }),
  scalar('cos', { doc: DOCS + 'cos-function', sql: real1((x) => `cos(${x})`) }),
  scalar('tan', { doc: DOCS + 'tan-function', sql: real1((x) => `tan(${x})`) }),
  scalar('cot', { doc: DOCS + 'cot-function', sql: real1((x) => `(1.0 / tan(${x}))`) }),
  scalar('asin', { doc: DOCS + 'asin-function', sql: arc('asin') }),
  scalar('acos', { doc: DOCS + 'acos-function', sql: arc('acos') }),
  scalar('atan', { doc: DOCS + 'atan-function', sql: real1((x) => `atan(${x})`) }),
  scalar('atan2', { doc: DOCS + 'atan2-function', sql: ([y, x]) => `atan2(${dbl(y)}, ${dbl(x)})` }),
  scalar('degrees', { doc: DOCS + 'degrees-function', sql: real1((x) => `degrees(${x})`) }),
  scalar('radians', { doc: DOCS + 'radians-function', sql: real1((x) => `radians(${x})`) }),
  scalar('pi', { doc: DOCS + 'pi-function', sql: () => `pi()` }),
  scalar('isnan', { doc: DOCS + 'isnan-function', sql: real1((x) => `isnan(${x})`) }),
  scalar('isinf', { doc: DOCS + 'isinf-function', sql: real1((x) => `isinf(${x})`) }),
  scalar('isfinite', { doc: DOCS + 'isfinite-function', sql: real1((x) => `isfinite(${x})`) }),
  // rand() is uniform on [0, 1); rand(N) picks from {0, 1, …, N-1} (rand-function.md). Volatile: one value per row.
  scalar('rand', {
    doc: DOCS + 'rand-function',
    sql: ([n], ctx) => (n ? asResult(`floor(random() * ${n.sql})`, ctx) : `random()`),
  }),
  // max_of/min_of: "Non-null values take precedence to null values" (max-of-function.md); DuckDB's greatest/least
  // skip nulls the same way.
  scalar('max_of', { doc: DOCS + 'max-of-function', sql: (args, ctx) => asResult(`greatest(${args.map((a) => a.sql).join(', ')})`, ctx) }),
  scalar('min_of', { doc: DOCS + 'min-of-function', sql: (args, ctx) => asResult(`least(${args.map((a) => a.sql).join(', ')})`, ctx) }),
  scalar('binary_and', { doc: DOCS + 'binary-and-function', sql: ([a, b]) => `(CAST(${a!.sql} AS BIGINT) & CAST(${b!.sql} AS BIGINT))` }),
  scalar('binary_or', { doc: DOCS + 'binary-or-function', sql: ([a, b]) => `(CAST(${a!.sql} AS BIGINT) | CAST(${b!.sql} AS BIGINT))` }),
  scalar('binary_xor', { doc: DOCS + 'binary-xor-function', sql: ([a, b]) => `xor(CAST(${a!.sql} AS BIGINT), CAST(${b!.sql} AS BIGINT))` }),
  scalar('binary_not', { doc: DOCS + 'binary-not-function', sql: ([a]) => `(~CAST(${a!.sql} AS BIGINT))` }),
  scalar('binary_shift_left', { doc: DOCS + 'binary-shift-left-function', sql: ([a, n]) => `kql_shl(CAST(${a!.sql} AS BIGINT), CAST(${n!.sql} AS BIGINT))` }),
  scalar('binary_shift_right', { doc: DOCS + 'binary-shift-right-function', sql: ([a, n]) => `kql_shr(CAST(${a!.sql} AS BIGINT), CAST(${n!.sql} AS BIGINT))` }),
  scalar('bitset_count_ones', { doc: DOCS + 'bitset-count-ones-function', sql: ([a]) => `CAST(bit_count(CAST(${a!.sql} AS BIGINT)) AS BIGINT)` }),
  scalar('erf', { doc: DOCS + 'erf-function', sql: real1((x) => `kql_erf(${x})`) }),
  scalar('erfc', { doc: DOCS + 'erfc-function', sql: real1((x) => `kql_erfc(${x})`) }),
  scalar('beta_cdf', { doc: DOCS + 'beta-cdf-function', sql: ([x, a, b]) => `kql_beta_cdf(${dbl(x)}, ${dbl(a)}, ${dbl(b)})` }),
  scalar('beta_pdf', { doc: DOCS + 'beta-pdf-function', sql: ([x, a, b]) => `kql_beta_pdf(${dbl(x)}, ${dbl(a)}, ${dbl(b)})` }),
  scalar('beta_inv', { doc: DOCS + 'beta-inv-function', sql: ([p, a, b]) => `kql_beta_inv(${dbl(p)}, ${dbl(a)}, ${dbl(b)})` }),
  scalar('convert_angle', { doc: DOCS + 'convert-angle-function', sql: convert('angle') }),
  scalar('convert_energy', { doc: DOCS + 'convert-energy-function', sql: convert('energy') }),
  scalar('convert_force', { doc: DOCS + 'convert-force-function', sql: convert('force') }),
  scalar('convert_length', { doc: DOCS + 'convert-length-function', sql: convert('length') }),
  scalar('convert_mass', { doc: DOCS + 'convert-mass-function', sql: convert('mass') }),
  scalar('convert_speed', { doc: DOCS + 'convert-speed-function', sql: convert('speed') }),
  scalar('convert_volume', { doc: DOCS + 'convert-volume-function', sql: convert('volume') }),
  scalar('convert_temperature', { doc: DOCS + 'convert-temperature-function', sql: convertTemperature }),
] as const satisfies readonly FunctionDef[];
