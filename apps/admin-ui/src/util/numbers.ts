const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'nb-NO');

/** A figure as the reader writes numbers: "53,5" in bokmål, "53.5" in English; null as a dash. */
export function formatNumber(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(localeOf(lang), { maximumFractionDigits: 1 });
}

/** A share from 0 to 1 as a whole percentage the reader's way: "95 %" in bokmål, "95%" in English; null as a dash. */
export function formatPercent(share: number | null | undefined, lang: string): string {
  if (share === null || share === undefined) return '—';
  return share.toLocaleString(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 });
}
