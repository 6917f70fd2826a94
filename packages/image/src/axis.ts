import { scaleLinear, scaleLog } from 'd3-scale';

/** A tick on an axis: its value, and its label ('' for a tick that only draws a grid line). */
export interface AxisTick {
  value: number;
  label: string;
}

/** Where d3 cannot place ticks (denormal or overflowing ranges), both ends of the axis instead. */
function endTicks(lo: number, hi: number): AxisTick[] {
  return [...new Set([lo, hi])].map((value) => ({ value, label: String(Number(value.toPrecision(3))) }));
}

const finiteRange = (lo: number, hi: number) => Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo;

/**
 * Ticks of a log axis over [lo, hi] from d3-scale: every digit of each decade in view as a grid
 * line, about `labels` of them labelled (the lab's 0.026–0.107 gets 0.03 … 0.1). A range too
 * narrow for any labelled digit is labelled at every (linear) tick. Empty for a range that is
 * not positive and finite.
 */
export function logAxisTicks(lo: number, hi: number, labels = 10): AxisTick[] {
  if (!(finiteRange(lo, hi) && lo > 0)) return [];
  const scale = scaleLog().domain([lo, hi]);
  let values: number[];
  try {
    values = scale.ticks().filter((v) => Number.isFinite(v) && v >= lo && v <= hi);
  } catch {
    return endTicks(lo, hi); // d3-array's step overflows on denormals: "Invalid array length"
  }
  if (values.length === 0) return endTicks(lo, hi);
  const format = scale.tickFormat(labels, '~g');
  const ticks = values.map((value) => ({ value, label: format(value) }));
  if (ticks.filter((t) => t.label !== '').length >= 2) return ticks;
  const linear = scaleLinear().domain([lo, hi]).tickFormat(values.length, '~g');
  return values.map((value) => ({ value, label: linear(value) }));
}

/**
 * Ticks of a linear axis over [lo, hi] at d3-scale's 1-2-5 steps, about `count` of them,
 * labelled with d3-format's `specifier` (`~g` by default: no trailing zeros). Empty for a range
 * that is not finite.
 */
export function linearAxisTicks(lo: number, hi: number, count = 5, specifier = '~g'): AxisTick[] {
  if (!finiteRange(lo, hi)) return [];
  const scale = scaleLinear().domain([lo, hi]);
  let values: number[];
  try {
    values = scale.ticks(count).filter((v) => Number.isFinite(v));
  } catch {
    return endTicks(lo, hi);
  }
  if (values.length === 0) return endTicks(lo, hi);
  const format = scale.tickFormat(count, specifier);
  return values.map((value) => ({ value, label: format(value) }));
}
