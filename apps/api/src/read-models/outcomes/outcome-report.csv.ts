import { OutcomeReport } from './outcome-report';

/**
 * The outcome report as CSV, made to open cleanly in a spreadsheet set up for Norway:
 * - UTF-8 with a byte-order mark, so Excel reads æ, ø and å correctly;
 * - `;` between fields, since Norwegian locales use the comma as the decimal separator (and Excel's
 *   list separator there is `;`); decimals are written with a decimal comma ("40,9");
 * - CRLF line ends and RFC 4180 quoting (a field holding `;`, `"` or a line break is quoted);
 * - a header row, then one row per figure in long form: `section;measure;group;value;label`, where
 *   section/measure/group are stable codes for machines and `label` is a Norwegian description.
 * Empty values mean "none" (e.g. no mean when nobody moved out).
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
export const CSV_HEADER = ['section', 'measure', 'group', 'value', 'label'] as const;

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
  const add = (section: string, measure: string, group: string, value: Value, label: string) => rows.push([section, measure, group, value, label]);
  const each = (section: string, measure: string, counts: Record<string, number>, label: (code: string) => string) =>
    Object.entries(counts).forEach(([code, n]) => add(section, measure, code, n, label(code)));

  const facilities = report.facilityIds === 'everywhere' ? 'alle' : report.facilityIds.join(',');
  add('period', 'facility', '', facilities, 'Botiltak');
  add('period', 'from', '', report.from, 'Fra og med');
  add('period', 'to', '', report.to, 'Til og med');

  const p = report.people;
  add('people', 'offered', '', p.offered, 'Personer som har fått tilbud');
  add('people', 'offered_twice_or_more', '', p.offeredTwiceOrMore, 'Personer med tilbud to ganger eller flere');
  add('people', 'lived_there', '', p.livedThere, 'Personer som bor/har bodd der');
  add('people', 'declined', '', p.declined, 'Personer som har takket nei');
  add('people', 'moved_out', '', p.movedOut, 'Personer som har flyttet ut');
  add('people', 'ended_by_service', '', p.endedByService, 'Personer avsluttet av tilbudet');
  add('people', 'living_at_end', '', p.livingAtEnd, 'Bor der ved periodens slutt');
  add('people', 'waiting_at_end', '', p.waitingAtEnd, 'På venteliste ved periodens slutt');

  add('breakdown', 'total', '', report.breakdown.total, 'Personer med tilbud, fordelt slik');
  each('breakdown', 'people', report.breakdown.groups, nb);

  add('exits', 'total', '', report.exits.total, 'Utflyttinger');
  each('exits', 'destination', report.exits.byDestination, (c) => `Utflyttet til: ${nb(c)}`);
  each('exits', 'category', report.exits.byCategory, (c) => `Utflyttet, kategori: ${nb(c)}`);
  each('exits', 'exit_reason', report.exits.byReason, (c) => `Årsak: ${nb(c)}`);

  const o = report.offers;
  add('offers', 'made', '', o.made, 'Tilbud gitt');
  add('offers', 'accepted', '', o.accepted, 'Tilbud akseptert');
  add('offers', 'declined', '', o.declined, 'Tilbud avslått');
  add('offers', 'expired', '', o.expired, 'Tilbud utløpt');
  add('offers', 'open_at_end', '', o.openAtEnd, 'Tilbud åpne ved periodens slutt');

  add('waiting_list', 'placed', '', report.waitingList.placed, 'Satt på venteliste');
  each('waiting_list', 'withdrawn', report.waitingList.withdrawnByReason, (c) => `Henvisning trukket: ${nb(c)}`);
  add('waiting_list', 'withdrawn_found_housing_themselves', '', report.waitingList.withdrawnFoundHousingThemselves, 'Ordnet bolig selv mens de sto på venteliste');

  const los = report.lengthOfStay.nights;
  add('length_of_stay', 'stays', '', los.count, 'Opphold avsluttet i perioden');
  add('length_of_stay', 'mean_nights', '', los.mean, 'Gjennomsnittlig botid (døgn) for de som er flyttet ut');
  add('length_of_stay', 'median_nights', '', los.median, 'Median botid (døgn)');
  add('length_of_stay', 'min_nights', '', los.min, 'Korteste botid (døgn)');
  add('length_of_stay', 'max_nights', '', los.max, 'Lengste botid (døgn)');
  add('bed_nights', 'total', '', report.bedNights, 'Bodøgn i perioden');
  add('stays_over_90_nights', 'total', '', report.staysOver90Nights, 'Opphold over 90 døgn');

  const a = report.ages;
  add('ages', 'people', '', a.people, 'Beboere (alder ved innflytting)');
  add('ages', 'min', '', a.min, 'Yngste beboer (år)');
  add('ages', 'max', '', a.max, 'Eldste beboer (år)');
  add('ages', 'mean', '', a.mean, 'Gjennomsnittsalder (år)');
  add('ages', 'under_25', '', a.under25, 'Beboere under 25 år');

  for (const [gender, g] of Object.entries(report.genders)) {
    add('gender', 'people', gender, g.people, `Beboere: ${nb(gender)}`);
    add('gender', 'min_nights', gender, g.minNights, `Korteste botid (døgn): ${nb(gender)}`);
    add('gender', 'max_nights', gender, g.maxNights, `Lengste botid (døgn): ${nb(gender)}`);
  }

  add('exclusions', 'decided', '', report.exclusions.decided, 'Avslutninger vedtatt');
  each('exclusions', 'reason', report.exclusions.byReason, (c) => `Avslutning, grunnlag: ${nb(c)}`);
  each('exclusions', 'ended_by_service_reason', report.exclusions.endedByServiceByReason, (c) => `Avsluttet av tilbudet, grunnlag: ${nb(c)}`);

  add('incidents', 'total', '', report.incidents.total, 'Hendelser');
  each('incidents', 'kind', report.incidents.byKind, (c) => `Hendelser: ${nb(c)}`);
  for (const month of report.incidents.byMonth) {
    add('incidents', 'month', month.month, month.total, `Hendelser i ${month.month}`);
    Object.entries(month.byKind).forEach(([kind, n]) => add('incidents', 'month_kind', `${month.month} ${kind}`, n, `Hendelser i ${month.month}: ${nb(kind)}`));
  }

  const lines = [CSV_HEADER as readonly Value[], ...rows].map((row) => row.map(field).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

function field(value: Value): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
