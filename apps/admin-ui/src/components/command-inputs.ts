import type { TFunction } from 'i18next';
import type { CaseFull, OccupancyUnit } from '../api/types';
import type { Choices } from '../forms/SchemaForm';
import type { FieldDefaults } from '../forms/schema-values';
import { addDays, today } from '../util/dates';

type ClusterRisk = NonNullable<OccupancyUnit['clusterRisk']>;
type RiskCount = Exclude<keyof ClusterRisk, 'cluster' | 'residents'>;
/** Highest risk first: what a case worker weighs first when placing someone beside others. */
const RISK_KEY: Record<RiskCount, string> = {
  high: 'occupancy.riskHigh',
  moderate: 'occupancy.riskModerate',
  low: 'occupancy.riskLow',
  notAssessed: 'occupancy.riskNotAssessed',
};

/** The unit's attributes in words ("Forsterket, Bakkeplan"); empty when it has none. */
export function unitAttributesText(u: OccupancyUnit, t: TFunction): string {
  return u.attributes.map((a) => t(`enum.${a}`, { defaultValue: a })).join(', ');
}

/**
 * The residents' latest Brøset bands on the unit's floor or cluster ("2. etasje: 1 høy, 2 lav"), so
 * resident composition can be weighed when offering it; counts only, never who. Empty without a cluster.
 */
export function clusterRiskText(u: OccupancyUnit, t: TFunction): string {
  const risk = u.clusterRisk;
  if (!risk) return '';
  const counts = (Object.keys(RISK_KEY) as RiskCount[]).filter((k) => risk[k] > 0).map((k) => t(RISK_KEY[k], { count: risk[k] }));
  return `${risk.cluster}: ${counts.length ? counts.join(', ') : t('occupancy.clusterEmpty')}`;
}

/** A unit as a choice, saying whether it can take someone now, what it is like and who lives on its floor or cluster. */
export function unitChoice(u: OccupancyUnit, t: TFunction): { value: string; label: string } {
  const state = u.outOfService
    ? t('occupancy.outOfService')
    : u.freePlaces > 0
      ? t('occupancy.free')
      : u.reservations.length
        ? t('occupancy.offered')
        : t('occupancy.occupied');
  const about = [unitAttributesText(u, t), clusterRiskText(u, t)].filter(Boolean);
  return { value: u.unitId, label: [`${u.label} (${state})`, ...about].join(' · ') };
}

/**
 * Fields that name a record of the case (its offers, decisions, appeals, absences, incidents) or a unit
 * get a list to choose from instead of an id to paste. The case page knows these; the API's schema does not.
 */
export function commandChoices(kase: CaseFull, units: OccupancyUnit[], t: TFunction): Choices {
  const unitLabel = (id: string) => units.find((u) => u.unitId === id)?.label ?? id.slice(0, 8);
  const unitChoices = units.map((u) => unitChoice(u, t));
  return {
    unitId: unitChoices,
    toUnitId: unitChoices.filter((c) => c.value !== kase.stay?.unitId),
    assessmentUnitId: unitChoices,
    offerId: Object.values(kase.offers ?? {}).map((o) => ({
      value: o.offerId,
      label: `${unitLabel(o.unitId)} · ${t(`offerStatus.${o.status}`, { defaultValue: o.status })} · ${o.expiresOn}`,
    })),
    // An exclusion may rest only on the reasons the facility's criteria name.
    ...(kase.facility.exclusionReasons && { reasons: kase.facility.exclusionReasons.map((r) => ({ value: r, label: t(`enum.${r}`, { defaultValue: r }) })) }),
    decisionId: Object.values(kase.decisions ?? {}).map((d) => ({
      value: d.decisionId,
      label: `${t(`enum.${d.kind}`, { defaultValue: d.kind })} · ${d.decisionId.slice(0, 8)}`,
    })),
    appealId: Object.values(kase.appeals ?? {}).map((a) => ({
      value: a.appealId,
      label: `${t('field.receivedOn')} ${a.receivedOn} · ${a.appealId.slice(0, 8)}`,
    })),
    absenceId: Object.entries(kase.absences ?? {})
      .filter(([, a]) => !a.returnedOn)
      .map(([id, a]) => ({ value: id, label: `${t(`enum.${a.kind}`, { defaultValue: a.kind })} · ${a.from}` })),
    relatedIncidentId: Object.entries(kase.incidents ?? {}).map(([id, i]) => ({
      value: id,
      label: `${i.on} · ${t(`enum.${i.kind}`, { defaultValue: i.kind })}`,
    })),
  };
}

/** What the form starts with: today for dates of the act itself, the open offer, the current mapping or follow-up. */
export function commandDefaults(kase: CaseFull, type: string): FieldDefaults {
  const openOffer = Object.values(kase.offers ?? {}).find((o) => o.status === 'open' || o.status === 'accepted');
  const pendingAppeals = Object.values(kase.appeals ?? {}).filter((a) => !a.outcome);
  const now = today();
  return {
    today: now,
    facilityId: kase.facility.facilityId,
    offerId: openOffer?.offerId,
    unitId: type === 'MoveIn' ? openOffer?.unitId : undefined,
    startsOn: now,
    leaseStartsOn: now,
    receivedOn: now,
    effectiveOn: now,
    from: now,
    expiresOn: addDays(now, 7),
    mappingId: kase.currentMappingId,
    followUpId: kase.followUp?.followUpId,
    enrolmentId: kase.ambulant?.enrolmentId,
    appealId: pendingAppeals.length === 1 ? pendingAppeals[0].appealId : undefined,
    absenceId: Object.entries(kase.absences ?? {}).find(([, a]) => !a.returnedOn)?.[0],
  };
}
