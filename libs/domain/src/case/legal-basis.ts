import { addDays, IsoDate } from '../shared/dates';
import { nextWorkingDay } from '../shared/norwegian-holidays';

/**
 * The legal bases (hjemmel) a formal decision (enkeltvedtak) in a case may rest on, and the appeal
 * notice each one implies. Forvaltningsloven § 27 third paragraph: the person must be told of the
 * right to appeal, the deadline, the appeal body, how to appeal, and the right to see the documents.
 */
export const LEGAL_BASES = [
  'hotl_3_2', // helse- og omsorgstjenesteloven § 3-2: health and care services the municipality must offer
  'pbrl_2_1a', // pasient- og brukerrettighetsloven § 2-1 a: the right to necessary services
  'boligsosial_lov_6', // lov om kommunenes ansvar på det boligsosiale feltet § 6 (formerly hotl § 3-7)
  'sotjl_27', // sosialtjenesteloven § 27: temporary accommodation
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const APPEAL_BODIES = ['statsforvalteren'] as const;
export type AppealBody = (typeof APPEAL_BODIES)[number];

/** Which rule sets the deadline: pbrl § 7-5 (four weeks) or fvl § 29 (three weeks). */
export const APPEAL_DEADLINE_RULES = ['pbrl_7_5', 'fvl_29'] as const;
export type AppealDeadlineRule = (typeof APPEAL_DEADLINE_RULES)[number];

/** Keys of the fixed texts every decision letter carries (fvl § 27 third paragraph, §§ 18–19). */
export const APPEAL_NOTICE_TEXTS = ['decision.notice.right_to_appeal', 'decision.notice.how_to_appeal', 'decision.notice.right_to_see_documents'] as const;
export type AppealNoticeText = (typeof APPEAL_NOTICE_TEXTS)[number];

interface LegalBasisRule {
  readonly citation: string;
  readonly appealBody: AppealBody;
  readonly deadlineRule: AppealDeadlineRule;
}

const RULES: Readonly<Record<LegalBasis, LegalBasisRule>> = {
  // Health and care services: appeal to Statsforvalteren (pbrl § 7-2) within four weeks (pbrl § 7-5).
  hotl_3_2: { citation: 'helse- og omsorgstjenesteloven § 3-2', appealBody: 'statsforvalteren', deadlineRule: 'pbrl_7_5' },
  pbrl_2_1a: { citation: 'pasient- og brukerrettighetsloven § 2-1 a', appealBody: 'statsforvalteren', deadlineRule: 'pbrl_7_5' },
  // Housing duty: appeal to Statsforvalteren under the general rules, three weeks (fvl § 29).
  boligsosial_lov_6: {
    citation: 'lov om kommunenes ansvar på det boligsosiale feltet § 6',
    appealBody: 'statsforvalteren',
    deadlineRule: 'fvl_29',
  },
  // Social services in NAV: appeal to Statsforvalteren (sotjl § 48), three weeks (fvl § 29).
  sotjl_27: { citation: 'sosialtjenesteloven § 27', appealBody: 'statsforvalteren', deadlineRule: 'fvl_29' },
};

const DEADLINE_WEEKS: Readonly<Record<AppealDeadlineRule, number>> = { pbrl_7_5: 4, fvl_29: 3 };

export function isLegalBasis(value: unknown): value is LegalBasis {
  return (LEGAL_BASES as readonly unknown[]).includes(value);
}

export function citationOf(basis: LegalBasis): string {
  return RULES[basis].citation;
}

export interface AppealNotice {
  readonly appealBody: AppealBody;
  readonly deadlineRule: AppealDeadlineRule;
  readonly deadlineWeeks: number;
  /**
   * The last day an appeal is in time: the deadline runs from the day the person was told, and one
   * that would end on a Saturday, Sunday or public holiday runs to the next working day.
   */
  readonly deadline: IsoDate;
  /** The day the weeks alone end on, when that is no working day and `deadline` was moved past it. */
  readonly deadlineMovedFrom?: IsoDate;
  readonly texts: readonly AppealNoticeText[];
}

/**
 * The appeal notice for a decision on `basis` that the person was told of on `notifiedOn`.
 *
 * How the deadline is counted. Fvl § 29 first paragraph: three weeks from the day the notice reached
 * the party (pbrl § 7-5: four weeks for health and care services). A deadline in weeks ends on the
 * same weekday of the last week as the day it began to run (domstolloven § 148 second paragraph:
 * "Frister, som er bestemt efter uker, … ender paa den dag i den sidste uke … som efter sit navn …
 * svarer til den dag, da fristen begynder at løpe"). Fvl § 30 says when an appeal is lodged in time
 * ("er det nok at erklæringen før utløpet av fristen er avgitt til tilbyder av posttjenester …"): the
 * Act itself has no rule for a deadline that ends on a day off. That rule is domstolloven § 149 first
 * paragraph: "Ender en frist paa en lørdag, helgedag eller dag som etter lovgivningen er likestilt med
 * helgedag forlenges fristen til den nærmest følgende virkedag", applied to appeal deadlines under the
 * Act by analogy, as Norwegian practice does (acts that settle it in words point to the same
 * provisions: skatteforvaltningsloven § 5-5, straffeloven § 13). Helgedager are Sundays and the
 * holidays of helligdagsloven § 2; 1 and 17 May are likestilt (lov om 1. og 17. mai som
 * høgtidsdagar): see shared/norwegian-holidays.ts.
 *
 * A late appeal is still recorded and may be considered (fvl § 31), so lateness informs, it does not
 * block.
 */
export function appealNoticeFor(basis: LegalBasis, notifiedOn: IsoDate): AppealNotice {
  const rule = RULES[basis];
  const deadlineWeeks = DEADLINE_WEEKS[rule.deadlineRule];
  const weeksEnd = addDays(notifiedOn, deadlineWeeks * 7);
  const deadline = nextWorkingDay(weeksEnd);
  return {
    appealBody: rule.appealBody,
    deadlineRule: rule.deadlineRule,
    deadlineWeeks,
    deadline,
    ...(deadline === weeksEnd ? {} : { deadlineMovedFrom: weeksEnd }),
    texts: APPEAL_NOTICE_TEXTS,
  };
}

/**
 * The last day an appeal against a decision with this notice is in time. Notices recorded before
 * deadlines were moved past weekends and holidays may name a day off: the appeal still has until the
 * next working day, as the law always gave it.
 */
export function lastDayToAppeal(notice: Pick<AppealNotice, 'deadline'>): IsoDate {
  return nextWorkingDay(notice.deadline);
}

export function isLateAppeal(notice: Pick<AppealNotice, 'deadline'>, receivedOn: IsoDate): boolean {
  return receivedOn > lastDayToAppeal(notice);
}
