import { calendarDateIn, clockTimeIn } from '../../../platform/clock';
import { FORGOTTEN } from '../../../platform/crypto/field-cipher';
import { bokmal, hasText, MessageParams, norwegianDay } from '../../../platform/i18n/bokmal';
import type { SummaryParams } from '../../../read-models/timeline/timeline.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** A code as the API sends it: lower case words joined by underscores, or one lower case word. */
const CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Labels the UI's catalogue has no field text for (facts derived by the server, not typed into a form). */
const MORE_LABELS: Readonly<Record<string, string>> = {
  ageOnReferral: 'Alder ved henvisning',
  ageOnMoveIn: 'Alder ved innflytting',
  agreementLimit: 'Avtalen kan ikke vare lenger enn',
  citation: 'Lovhjemmel',
  deadline: 'Klagefrist',
  deadlineWeeks: 'Klagefrist (uker)',
  deadlineMovedFrom: 'Fristen ville ellers løpt ut',
  deadlineRule: 'Regel for klagefristen',
  appealNotice: 'Klagerett',
  fromStatus: 'Status før',
  offerNumber: 'Tilbud nummer',
  declinedOffers: 'Avslåtte tilbud',
  afterAccepting: 'Avslått etter å ha takket ja',
  previousPriority: 'Tidligere prioritet',
  previousEndsOn: 'Avtalen skulle ellers slutte',
  previousKind: 'Tidligere avtaletype',
  placedOn: 'Satt på venteliste',
  waitedDays: 'Dager på venteliste',
  warningNumber: 'Advarsel nummer',
  movedInOn: 'Flyttet inn',
  nights: 'Netter',
  destinationCategory: 'Type bosted etter utflytting',
  agreementKind: 'Avtaletype',
  changes: 'Endringer',
  brosetScore: 'Brøset-poeng',
  brosetBand: 'Risikonivå (Brøset)',
  startedOn: 'Startet',
  returnTo: 'Tilbake til',
  closedFrom: 'Lukket fra status',
  late: 'Klagen kom for sent',
  days: 'Dager',
  unit: 'Boenhet',
  facility: 'Botiltak',
  decisionKind: 'Vedtakstype',
  capacity: 'Plasser',
  label: 'Betegnelse',
  municipality: 'Kommune',
  maxStayDays: 'Lengste opphold (dager)',
  texts: 'Tekster i klageretten',
  fields: 'Felter',
  unitKind: 'Type boenhet',
  facilityMaxStayDays: 'Lengste opphold ved botiltaket (dager)',
  fromUnitId: 'Fra boenhet',
  decidedOn: 'Besluttet',
  issuedOn: 'Fattet',
  forwardedOn: 'Sendt videre',
  endedOn: 'Avsluttet',
  enrolledOn: 'Startet',
  changedOn: 'Endret',
  assessedOn: 'Vurdert',
  offeredOn: 'Tilbudt',
  referredOn: 'Henvist',
  justification: 'Begrunnelse',
  justified: 'Begrunnet',
  score: 'Poeng',
  band: 'Nivå',
  status: 'Status',
};

/**
 * Facts the letter gives once, not under every event: whom it is about (the letter is to them), the
 * case and its facility (the heading names both), the day (each entry starts with it), snapshots of
 * the person and the facility taken for the rules, and the keys of the appeal texts (written out).
 */
const FRAME = new Set(['personId', 'caseId', 'facilityId', 'facility', 'person', 'on', 'texts']);

/** Codes the UI's catalogue has no enum label for (they show in the letter, not on a screen). */
const MORE_CODES: Readonly<Record<string, string>> = {
  gdpr_art_17_consent_withdrawn: 'personvernforordningen artikkel 17, samtykket er trukket tilbake',
  gdpr_art_17_unlawful_processing: 'personvernforordningen artikkel 17, opplysningene ble behandlet ulovlig',
  gdpr_art_17_no_longer_necessary: 'personvernforordningen artikkel 17, opplysningene trengs ikke lenger',
  court_order: 'rettsavgjørelse',
  pbrl_7_5: 'Pasient- og brukerrettighetsloven § 7-5 (fire uker)',
  fvl_29: 'Forvaltningsloven § 29 (tre uker)',
  'decision.notice.right_to_appeal': 'Retten til å klage',
  'decision.notice.how_to_appeal': 'Hvordan du klager',
  'decision.notice.right_to_see_documents': 'Retten til å se dokumentene',
};

/** A code or key made readable when no catalogue has it: words in lower case, the first capitalised. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ExportField {
  readonly label: string;
  readonly value: string;
}

/**
 * The words of the right-of-access letter: codes as the UI names them (enum.*, field.*, role.*), days
 * as dd.mm.yyyy, instants as dd.mm.yyyy kl. HH:mm in the municipality's time zone, and ids as what
 * they name (a unit's label, a facility's name, "Sak 1", a member of staff) or not at all.
 */
export class ExportWords {
  constructor(
    private readonly timeZone: string,
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  /** YYYY-MM-DD as dd.mm.yyyy. */
  day(iso: string): string {
    return norwegianDay(iso);
  }

  /** An ISO instant as dd.mm.yyyy kl. HH:mm in the municipality's time zone. */
  instant(iso: string): string {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    return `${this.day(calendarDateIn(at, this.timeZone))} kl. ${clockTimeIn(at, this.timeZone)}`;
  }

  /** A code in words: its enum label, else its field label, else made readable. */
  code(code: string): string {
    return bokmal(`enum.${code}`) ?? MORE_CODES[code] ?? bokmal(`field.${code}`) ?? humanize(code);
  }

  label(key: string): string {
    return bokmal(`field.${key}`) ?? MORE_LABELS[key] ?? humanize(key);
  }

  role(role: string | null): string {
    return role ? (bokmal(`role.${role}`) ?? humanize(role)) : '';
  }

  /** "Kari Nordmann, Saksbehandler"; the role alone for someone the staff register does not name. */
  staff(name: string | null | undefined, role: string | null): string {
    if (!name) return this.role(role);
    return role ? bokmal('staff.nameAndRole', { name, role: this.role(role) })! : name;
  }

  view(view: string): string {
    return bokmal(`accessLog.views.${view}`) ?? humanize(view);
  }

  yesNo(value: boolean): string {
    return value ? 'Ja' : 'Nei';
  }

  /** A single recorded value in words, or undefined for an id that names nothing the reader knows. */
  value(value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'boolean') return this.yesNo(value);
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return undefined;
    if (value === FORGOTTEN) return bokmal('journal.forgottenText')!;
    if (UUID.test(value)) return this.names.get(value);
    if (DAY.test(value)) return this.day(value);
    if (INSTANT.test(value)) return this.instant(value);
    if (Object.hasOwn(MORE_CODES, value) || (CODE.test(value) && (hasText(`enum.${value}`) || value.includes('_')))) return this.code(value);
    return value;
  }

  /** Free text as written (or as forgotten); anything else as `value` gives it. */
  text(value: unknown): string {
    return typeof value === 'string' && value !== FORGOTTEN ? value : (this.value(value) ?? '');
  }

  /**
   * What an event recorded, as labelled lines: nested facts under their parent's label, lists one line
   * per item, ids as what they name (or left out), free text as written.
   */
  fields(data: unknown, prefix = ''): ExportField[] {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
    return Object.entries(data as Record<string, unknown>)
      .filter(([key]) => !FRAME.has(key))
      .flatMap(([key, value]) => this.field(prefix ? `${prefix} – ${this.label(key)}` : this.label(key), value));
  }

  private field(label: string, value: unknown): ExportField[] {
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) {
        const words = value.map((v) => this.value(v)).filter((v): v is string => v !== undefined);
        return words.length === 0 ? [] : [{ label, value: words.join(', ') }];
      }
      return value.flatMap((item, i) =>
        typeof item === 'object' && item !== null ? this.fields(item, `${label} ${i + 1}`) : this.field(`${label} ${i + 1}`, item),
      );
    }
    if (typeof value === 'object' && value !== null) return this.fields(value, label);
    const words = this.value(value);
    return words === undefined || words === '' ? [] : [{ label, value: words }];
  }

  /**
   * A timeline message in bokmål: its codes as the UI shows them (enum labels), the fields it names by
   * their labels, days as dd.mm.yyyy. The event type's name in words when the catalogue has no message.
   */
  message(key: string, params: SummaryParams, eventType: string): string {
    const one = (v: string) =>
      hasText(`enum.${v}`) || Object.hasOwn(MORE_CODES, v) ? this.code(v) : hasText(`field.${v}`) ? this.label(v) : (this.value(v) ?? '');
    const words: Record<string, string | number> = {};
    for (const [name, v] of Object.entries(params)) {
      if (Array.isArray(v)) words[name] = v.map(one).join(', ');
      else if (typeof v === 'string') words[name] = one(v);
      else if (typeof v === 'boolean') words[name] = this.yesNo(v);
      else words[name] = typeof v === 'number' ? v : '';
    }
    return bokmal(key, words as MessageParams) ?? bokmal(`events.${eventType}`) ?? humanize(eventType);
  }
}
