/**
 * The Brøset Violence Checklist (BVC): six behaviours observed as present or absent; the count is the
 * score. Used by Trondheim's ROP housing alongside the ROS analysis made before move-in (Bodø).
 */
export const BROSET_ITEMS = ['confused', 'irritable', 'boisterous', 'verbalThreats', 'physicalThreats', 'attackingObjects'] as const;
export type BrosetItem = (typeof BROSET_ITEMS)[number];
export type BrosetChecklist = Readonly<Record<BrosetItem, boolean>>;

/** 0: low risk; 1–2: moderate, preventive measures should be taken; 3 or more: high, act now. */
export const BROSET_BANDS = ['low', 'moderate', 'high'] as const;
export type BrosetBand = (typeof BROSET_BANDS)[number];

export interface BrosetScore {
  readonly score: number;
  readonly band: BrosetBand;
}

export function brosetBand(score: number): BrosetBand {
  if (score >= 3) return 'high';
  if (score >= 1) return 'moderate';
  return 'low';
}

/** Counts the behaviours present; an item that is missing counts as absent. */
export function scoreBroset(checklist: Partial<BrosetChecklist>): BrosetScore {
  const score = BROSET_ITEMS.filter((item) => checklist[item] === true).length;
  return { score, band: brosetBand(score) };
}
