/**
 * `parseDecimal` — a decimal number as a user types it in Dutch or English: "5,5" and "5.5" are
 * both 5.5 (Dutch writes a decimal comma, English a point); surrounding spaces are fine. No
 * thousands separators (the fields it is for hold small numbers such as breaths per minute), so
 * "1.234,5" or "5,5,5" is not a number: null, as are "", "5,", "abc" and "1e3".
 */
export function parseDecimal(text: string): number | null {
  const t = String(text).trim();
  if (!/^[+-]?\d+([.,]\d+)?$/.test(t)) return null;
  const v = Number(t.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}
