import { OutcomeReport } from './outcome-report';

/**
 * The outcome report as CSV, made to open cleanly in a spreadsheet set up for Norway:
 * - UTF-8 with a byte-order mark, so Excel reads æ, ø and å correctly;
 * - `;` between fields, since Norwegian locales use the comma as the decimal separator (and Excel's
 *   list separator there is `;`); decimals are written with a decimal comma ("40,9");
 * - CRLF line ends and RFC 4180 quoting (a field holding `;`, `"` or a line break is quoted);
 * - a header row, then one row per figure in long form: `section;measure;group;population;value;label`,
 *   where section/measure/group are stable codes for machines, `population` says whom the figure is
 *   counted over (outcome-report.ts: offered, lived_there, moved_out, living_at_end, ...), and
 *   `label` is a Norwegian description.
 * Empty values mean "none" (e.g. no mean when nobody moved out).
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
export const CSV_HEADER = ['section', 'measure', 'group', 'population', 'value', 'label'] as const;

type Value = number | string | null;

const NB: Readonly<Record<string, string>> = {
  municipal_housing: 'Kommunal bolig',
  private_rental: 'Privat bolig',
  own_home: 'Egen bolig',
  transit: 'Transitt',
  institution: 'Institusjon',
  other_municipality: 'Annen kommune',
  shelter_or_guesthouse: 'Hospits/pensjonat',
  unknown: 'Ukjent',
  deceased: 'Død',
  offered_twice: 'Tilbud to ganger',
  declined: 'Takket nei (ikke annet tilbud)',
  not_moved_in: 'Ikke flyttet inn (tilbud åpent eller utløpt)',
  ended_by_service: 'Avsluttet av tilbudet',
  living_at_end: 'Bor der ved periodens slutt',
  permanent: 'Varig bolig',
  temporary: 'Midlertidig',
  institutional: 'Institusjon',
  homeless: 'Bostedsløs',
  other: 'Annet',
  completed: 'Fullført',
  left_voluntarily: 'Flyttet frivillig',
  excluded: 'Avsluttet av tilbudet',
  extensive_substance_use: 'Omfattende rusproblematikk',
  extensive_psychiatric_illness: 'Omfattende psykiatrilidelse',
  violence_or_threats: 'Vold og utagerende adferd',
  not_using_offer: 'Benytter seg ikke av tilbudet',
  repeated_house_rule_breaches: 'Gjentatte brudd på husordensregler',
  follow_up_agreement_not_signed_or_breached: 'Ikke underskrevet eller brutt oppfølgingsavtale',
  house_rule_breach: 'Brudd på husordensregler',
  threat_or_violence: 'Trusler eller vold',
  damage: 'Skadeverk',
  substance_use_in_common_areas: 'Rusbruk i fellesarealer',
  police_callout: 'Utrykning politi',
  fire_callout: 'Utrykning brannvesen',
  ambulance_callout: 'Utrykning ambulanse',
  female: 'Kvinner',
  male: 'Menn',
  found_housing_themselves: 'Ordnet bolig selv',
  declined_further_contact: 'Ønsket ikke videre kontakt',
  moved_away: 'Flyttet fra kommunen',
};
const nb = (code: string) => NB[code] ?? code;

export function outcomeReportCsv(report: OutcomeReport): string {
  const rows: Value[][] = [];
  const add = (section: string, measure: string, group: string, population: string, value: Value, label: string) =>
    rows.push([section, measure, group, population, value, label]);
  const each = (section: string, measure: string, population: string, counts: Record<string, number>, label: (code: string) => string) =>
    Object.entries(counts).forEach(([code, n]) => add(section, measure, code, population, n, label(code)));

  const facilities = report.facilityIds === 'everywhere' ? 'alle' : report.facilityIds.join(',');
  add('period', 'facility', '', '', facilities, 'Botiltak');
  add('period', 'from', '', '', report.from, 'Fra og med');
  add('period', 'to', '', '', report.to, 'Til og med');
  add('period', 'counted_to', '', '', report.countedTo, 'Døgn telt til og med');

  const p = report.people;
  add('people', 'offered', '', 'offered', p.offered, 'Personer som har fått tilbud');
  add('people', 'offered_twice_or_more', '', 'offered', p.offeredTwiceOrMore, 'Personer med tilbud to ganger eller flere');
  add('people', 'lived_there', '', 'lived_there', p.livedThere, 'Personer som bor/har bodd der');
  add('people', 'declined', '', 'offered', p.declined, 'Personer som har takket nei');
  add('people', 'moved_out', '', 'moved_out', p.movedOut, 'Personer som har flyttet ut');
  add('people', 'ended_by_service', '', 'moved_out', p.endedByService, 'Personer avsluttet av tilbudet');
  add('people', 'living_at_end', '', 'living_at_end', p.livingAtEnd, 'Bor der ved periodens slutt');
  add('people', 'waiting_at_end', '', 'waiting_at_end', p.waitingAtEnd, 'På venteliste ved periodens slutt');

  add('breakdown', 'total', '', 'offered', report.breakdown.total, 'Personer med tilbud, fordelt slik');
  each('breakdown', 'people', 'offered', report.breakdown.groups, nb);

  add('exits', 'total', '', 'moved_out', report.exits.total, 'Utflyttinger');
  each('exits', 'destination', 'moved_out', report.exits.byDestination, (c) => `Utflyttet til: ${nb(c)}`);
  each('exits', 'category', 'moved_out', report.exits.byCategory, (c) => `Utflyttet, kategori: ${nb(c)}`);
  each('exits', 'exit_reason', 'moved_out', report.exits.byReason, (c) => `Årsak: ${nb(c)}`);

  const o = report.offers;
  add('offers', 'made', '', 'offers_made', o.made, 'Tilbud gitt');
  add('offers', 'accepted', '', 'offers_made', o.accepted, 'Tilbud akseptert');
  add('offers', 'declined', '', 'offers_made', o.declined, 'Tilbud avslått');
  add('offers', 'expired', '', 'offers_made', o.expired, 'Tilbud utløpt');
  add('offers', 'open_at_end', '', 'offers_made', o.openAtEnd, 'Tilbud åpne ved periodens slutt');

  add('waiting_list', 'placed', '', 'placed_on_waiting_list', report.waitingList.placed, 'Satt på venteliste');
  each('waiting_list', 'withdrawn', 'withdrawn', report.waitingList.withdrawnByReason, (c) => `Henvisning trukket: ${nb(c)}`);
  add(
    'waiting_list',
    'withdrawn_found_housing_themselves',
    '',
    'withdrawn',
    report.waitingList.withdrawnFoundHousingThemselves,
    'Ordnet bolig selv mens de sto på venteliste',
  );

  const los = report.lengthOfStay;
  add('length_of_stay', 'stays', '', 'moved_out', los.nights.count, 'Opphold avsluttet i perioden');
  add('length_of_stay', 'mean_nights', '', 'moved_out', los.nights.mean, 'Gjennomsnittlig botid (døgn) for de som er flyttet ut');
  add('length_of_stay', 'median_nights', '', 'moved_out', los.nights.median, 'Median botid (døgn)');
  add('length_of_stay', 'min_nights', '', 'moved_out', los.nights.min, 'Korteste botid (døgn)');
  add('length_of_stay', 'max_nights', '', 'moved_out', los.nights.max, 'Lengste botid (døgn)');
  add('length_of_stay', 'over_90_nights', '', 'moved_out', los.over90Nights, 'Avsluttede opphold over 90 døgn');
  const open = report.staysAtEnd;
  add('stays_at_end', 'stays', '', 'living_at_end', open.nightsSoFar.count, 'Opphold som pågår ved periodens slutt');
  add('stays_at_end', 'mean_nights', '', 'living_at_end', open.nightsSoFar.mean, 'Gjennomsnittlig botid så langt (døgn)');
  add('stays_at_end', 'max_nights', '', 'living_at_end', open.nightsSoFar.max, 'Lengste botid så langt (døgn)');
  add('stays_at_end', 'over_90_nights', '', 'living_at_end', open.over90Nights, 'Pågående opphold over 90 døgn');
  add('bed_nights', 'total', '', 'lived_there', report.bedNights.nights, 'Bodøgn i perioden');
  const answer = report.decisionTime;
  add('decision_time', 'referrals', '', 'first_decisions', answer.days.count, 'Henvisninger med første vedtak i perioden');
  add('decision_time', 'mean_days', '', 'first_decisions', answer.days.mean, 'Gjennomsnittlig tid fra henvisning til vedtak (dager)');
  add('decision_time', 'median_days', '', 'first_decisions', answer.days.median, 'Median tid fra henvisning til vedtak (dager)');
  add('decision_time', 'max_days', '', 'first_decisions', answer.days.max, 'Lengste tid fra henvisning til vedtak (dager)');
  add('decision_time', 'over_one_month', '', 'first_decisions', answer.overOneMonth, 'Vedtak mer enn en måned etter henvisningen');

  for (const [key, a] of [
    ['offered', report.ages.offered],
    ['lived_there', report.ages.livedThere],
  ] as const) {
    const who = key === 'offered' ? 'fått tilbud (alder ved henvisning)' : 'bodd der (alder ved innflytting)';
    add('ages', 'people', key, key, a.people, `Personer som har ${who}`);
    add('ages', 'min', key, key, a.min, `Yngste (år), ${who}`);
    add('ages', 'max', key, key, a.max, `Eldste (år), ${who}`);
    add('ages', 'mean', key, key, a.mean, `Gjennomsnittsalder (år), ${who}`);
    add('ages', 'under_25', key, key, a.under25, `Under 25 år, ${who}`);
  }

  for (const [gender, g] of Object.entries(report.genders.offered.byGender)) {
    add('gender', 'people', gender, 'offered', g.people, `Fått tilbud: ${nb(gender)}`);
  }
  for (const [gender, g] of Object.entries(report.genders.livedThere.byGender)) {
    add('gender', 'people', gender, 'lived_there', g.people, `Beboere: ${nb(gender)}`);
    add('gender', 'min_nights', gender, 'lived_there', g.minNights, `Korteste botid (døgn): ${nb(gender)}`);
    add('gender', 'max_nights', gender, 'lived_there', g.maxNights, `Lengste botid (døgn): ${nb(gender)}`);
  }

  add('exclusions', 'decided', '', 'exclusions_decided', report.exclusions.decided, 'Avslutninger vedtatt');
  each('exclusions', 'reason', 'exclusions_decided', report.exclusions.byReason, (c) => `Avslutning, grunnlag: ${nb(c)}`);
  each('exclusions', 'ended_by_service_reason', 'moved_out', report.exclusions.endedByServiceByReason, (c) => `Avsluttet av tilbudet, grunnlag: ${nb(c)}`);

  add('incidents', 'total', '', 'incidents', report.incidents.total, 'Hendelser');
  each('incidents', 'kind', 'incidents', report.incidents.byKind, (c) => `Hendelser: ${nb(c)}`);
  for (const month of report.incidents.byMonth) {
    add('incidents', 'month', month.month, 'incidents', month.total, `Hendelser i ${month.month}`);
    Object.entries(month.byKind).forEach(([kind, n]) =>
      add('incidents', 'month_kind', `${month.month} ${kind}`, 'incidents', n, `Hendelser i ${month.month}: ${nb(kind)}`),
    );
  }

  const lines = [CSV_HEADER as readonly Value[], ...rows].map((row) => row.map(field).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

function field(value: Value): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
