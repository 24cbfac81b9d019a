/** A figure as the reader writes numbers: "53,5" in bokmål, "53.5" in English; null as a dash. */
export function formatNumber(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 1 });
}
