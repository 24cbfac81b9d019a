import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AccessRecord, accessLogStream, CASE_EVENT_TYPES, CaseEvent, caseStream, DecisionIssued, PersonEvent, personStream } from '@app/domain';
import { EVENT_STORE, EventStore, StreamNotFoundError } from '@app/event-store';
import { EventCodec } from '../../../platform/streams/event-codec';
import { NotFound } from '../../../platform/errors/command-errors';
import { Clock } from '../../../platform/clock';
import { FORGOTTEN } from '../../../platform/crypto/field-cipher';
import { bokmal } from '../../../platform/i18n/bokmal';
import { toPlain } from '../../audit/state-diff';
import { ReadModels } from '../../../read-models/read-models.service';
import { caseSummary, personSummary, Summary, SummaryParams, TIMELINE_PERSON_EVENT_TYPES } from '../../../read-models/timeline/timeline.messages';
import { OCCUPANCY } from '../../../read-models/occupancy/occupancy.projection';
import { StaffNamesQuery } from '../../../read-models/staff/staff.query';
import { ExportField, ExportWords } from './export-words';

/** What an entry says, as the timeline's message key and values, and in bokmål. */
export interface ExportMessage {
  readonly key: string;
  readonly params: SummaryParams;
  readonly text: string;
}

export interface ExportEntry {
  readonly type: string;
  readonly effectiveDate: string | null;
  readonly recordedAt: string | null;
  readonly actorRole: string | null;
  readonly data: Record<string, unknown>;
  readonly actorId: string | null;
  /** The member of staff by display name, null when the staff register does not know them. */
  readonly actorName: string | null;
  /** "Kari Nordmann, Saksbehandler". */
  readonly actorText: string;
  readonly message: ExportMessage;
  /** What was recorded, as labelled lines in bokmål (ids as what they name, or left out). */
  readonly fields: ExportField[];
}

export interface ExportedCase {
  readonly caseId: string;
  /** "Sak 1", "Sak 2", … in the order of referral. */
  readonly name: string;
  readonly facilityId: string;
  readonly facilityName: string | null;
  readonly referredOn: string | null;
  readonly events: ExportEntry[];
}

export interface ExportedDecision {
  readonly caseId: string;
  readonly caseName: string;
  readonly decisionId: string;
  readonly kind: string;
  readonly kindText: string;
  readonly legalBasis: string;
  readonly legalBasisText: string;
  readonly citation: string;
  readonly facts: unknown;
  readonly mainConsiderations: unknown;
  readonly decidedBy: unknown;
  readonly issuedOn: string;
  readonly notifiedOn: string;
  readonly appealNotice: unknown;
  readonly appealBodyText: string;
  /** The letter as it was sent, kept with the decision; null where none was kept or the person is forgotten. */
  readonly letter: { readonly text: string; readonly sha256: string } | null;
}

export interface ExportedRead {
  readonly at: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly actorName: string | null;
  readonly actorText: string;
  readonly view: string;
  readonly viewText: string;
  readonly caseId?: string;
  readonly caseName?: string;
  readonly purpose?: unknown;
  readonly flagged: boolean;
  readonly write?: true;
}

export interface PersonExport {
  readonly personId: string;
  /** The person's name as last recorded ("Glemt person" once they are forgotten). */
  readonly personName: string;
  readonly generatedAt: string;
  /** The municipality's time zone, in which the letter gives times. */
  readonly timeZone: string;
  /**
   * False when the reader's facilities hold only some of the person's cases and no purpose was stated:
   * the export then leaves out the other facilities' cases (and the reads of them). A complete export
   * for the person's right of access needs a purpose (flagged) or an auditor.
   */
  readonly complete: boolean;
  readonly person: ExportEntry[];
  readonly cases: ExportedCase[];
  readonly decisions: ExportedDecision[];
  readonly accessLog: ExportedRead[];
}

interface Recorded {
  readonly type: string;
  readonly effectiveDate: string | null;
  readonly recordedAt: string | null;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly data: Record<string, unknown>;
}

const CASE_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);
const PERSON_TYPES: ReadonlySet<string> = new Set(TIMELINE_PERSON_EVENT_TYPES);

/** The timeline's summary of an event of the person's file, if it has one. */
function summaryOf(e: Recorded): Summary | undefined {
  const typed = { type: e.type, data: e.data };
  if (CASE_TYPES.has(e.type)) return caseSummary(typed as unknown as CaseEvent);
  if (PERSON_TYPES.has(e.type)) return personSummary(typed as unknown as PersonEvent);
  return undefined;
}

/** The person's name from their own events, corrections applied. */
function nameOf(person: readonly Recorded[]): string {
  let given = '';
  let family = '';
  for (const e of person) {
    const d = (e.type === 'PersonDetailsCorrected' ? e.data.changes : e.data) as { givenName?: unknown; familyName?: unknown } | undefined;
    if (e.type !== 'PersonRegistered' && e.type !== 'PersonDetailsCorrected') continue;
    if (typeof d?.givenName === 'string') given = d.givenName;
    if (typeof d?.familyName === 'string') family = d.familyName;
  }
  if (given === FORGOTTEN || family === FORGOTTEN || person.some((e) => e.type === 'PersonForgotten')) return bokmal('journal.forgottenPerson')!;
  return `${given} ${family}`.trim();
}

/**
 * The person's right of access (GDPR art. 15, forvaltningsloven § 18): everything recorded about them
 * across their cases, the formal decisions with their grounds and appeal notices, and who looked at
 * their file. Built from the event log itself (decrypted), not from read models.
 */
@Injectable()
export class PersonExportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly readModels: ReadModels,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  /** `show`: the facilities whose cases the reader may see (AccessLogService.decide). */
  async export(personId: string, now: Date, show: 'everything' | readonly string[] = 'everything'): Promise<PersonExport> {
    const person = await this.recorded(personStream(personId));
    if (person.length === 0) throw new NotFound('Person');
    const all = await this.casesOf(personId);
    const shown = show === 'everything' ? all : all.filter((c) => show.includes(c.facilityId));
    const raw = [];
    for (const c of shown) raw.push({ ...c, events: await this.recorded(caseStream(c.caseId)) });
    // In the order of referral: the day referred, then the moment it was recorded.
    const referredOn = (events: readonly Recorded[]) => events.find((e) => e.type === 'ReferralRegistered')?.effectiveDate ?? events[0]?.effectiveDate ?? '';
    raw.sort(
      (a, b) => referredOn(a.events).localeCompare(referredOn(b.events)) || (a.events[0]?.recordedAt ?? '').localeCompare(b.events[0]?.recordedAt ?? ''),
    );
    const shownIds = new Set(shown.map((c) => c.caseId));
    const reads = (await this.recorded(accessLogStream(personId)))
      .map((e) => e.data as unknown as AccessRecord)
      .filter((d) => d.caseId === undefined || shownIds.has(d.caseId));

    const personName = nameOf(person);
    const names = new Map<string, string>([[personId, personName]]);
    raw.forEach((c, i) => names.set(c.caseId, `Sak ${i + 1}`));
    const caseEvents = raw.flatMap((c) => c.events);
    const facilities = await this.labels(
      'occupancy_facilities',
      'facility_id',
      'name',
      raw.map((c) => c.facilityId),
    );
    const units = await this.labels(
      'occupancy_units',
      'unit_id',
      'label',
      caseEvents.flatMap((e) => idsIn(e.data)),
    );
    for (const [id, label] of [...facilities, ...units]) names.set(id, label);
    const actors = [...person, ...caseEvents].map((e) => e.actorId).concat(reads.map((r) => r.actorId));
    const staff = await this.queries.execute(new StaffNamesQuery(actors.filter((id): id is string => !!id)));
    const words = new ExportWords(this.clock.timeZone, names);

    const entry = (e: Recorded): ExportEntry => {
      const summary = summaryOf(e);
      const params: SummaryParams = { ...summary?.params, ...unitLabels(summary?.params, units) };
      const actorName = (e.actorId && staff.get(e.actorId)) || null;
      return {
        type: e.type,
        effectiveDate: e.effectiveDate,
        recordedAt: e.recordedAt,
        actorRole: e.actorRole,
        data: e.data,
        actorId: e.actorId,
        actorName,
        actorText: words.staff(actorName, e.actorRole),
        message: { key: summary?.key ?? `events.${e.type}`, params, text: words.message(summary?.key ?? `events.${e.type}`, params, e.type) },
        fields: words.fields(e.data),
      };
    };
    const cases = raw.map((c) => ({
      caseId: c.caseId,
      name: names.get(c.caseId)!,
      facilityId: c.facilityId,
      facilityName: facilities.get(c.facilityId) ?? null,
      referredOn: referredOn(c.events) || null,
      events: c.events.map(entry),
    }));
    const decisions = cases.flatMap(({ caseId, name, events }) =>
      events
        .filter((e) => e.type === 'DecisionIssued')
        .map((e) => {
          const d = e.data as DecisionIssued['data'];
          return {
            caseId,
            caseName: name,
            decisionId: d.decisionId,
            kind: d.kind,
            kindText: words.code(d.kind),
            legalBasis: d.legalBasis,
            legalBasisText: words.code(d.legalBasis),
            citation: d.citation,
            facts: d.facts,
            mainConsiderations: d.mainConsiderations,
            decidedBy: d.decidedBy,
            issuedOn: d.on,
            notifiedOn: d.notifiedOn,
            appealNotice: d.appealNotice,
            appealBodyText: words.code(d.appealNotice.appealBody),
            letter: d.letter && typeof d.letter.text === 'string' && d.letter.text !== FORGOTTEN ? { text: d.letter.text, sha256: d.letter.sha256 } : null,
          };
        }),
    );
    const accessLog = reads.map((d) => {
      const actorName = staff.get(d.actorId) ?? null;
      return {
        at: d.at,
        actorId: d.actorId,
        actorRole: d.actorRole,
        actorName,
        actorText: words.staff(actorName, d.actorRole),
        view: d.view,
        viewText: words.view(d.view),
        caseId: d.caseId,
        ...(d.caseId !== undefined && { caseName: names.get(d.caseId) }),
        purpose: d.purpose,
        flagged: d.flagged,
        ...(d.write && { write: true as const }),
      };
    });
    return {
      personId,
      personName,
      generatedAt: now.toISOString(),
      timeZone: this.clock.timeZone,
      complete: shown.length === all.length,
      person: person.map(entry),
      cases,
      decisions,
      accessLog,
    };
  }

  private async casesOf(personId: string): Promise<Array<{ caseId: string; facilityId: string }>> {
    await this.readModels.ready(['person_files']);
    const rows = this.readModels
      .statement(`SELECT case_id, facility_id FROM ${this.readModels.table('person_files', 'person_cases')} WHERE person_id = ? ORDER BY case_id`)
      .all(personId) as Array<{ case_id: string; facility_id: string }>;
    return rows.map((r) => ({ caseId: r.case_id, facilityId: r.facility_id }));
  }

  /** Names of facilities or labels of units from the occupancy read model, by id. */
  private async labels(table: string, idColumn: string, labelColumn: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (ids.length === 0) return new Map();
    await this.readModels.ready([OCCUPANCY]);
    const rows = this.readModels
      .statement(
        `SELECT ${idColumn} AS id, ${labelColumn} AS label FROM ${this.readModels.table(OCCUPANCY, table)} WHERE ${idColumn} IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify([...new Set(ids)])) as Array<{ id: string; label: string }>;
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  private async recorded(stream: string): Promise<Recorded[]> {
    const out: Recorded[] = [];
    try {
      for await (const recorded of this.store.readStream(stream)) {
        await this.codec.loadKeysFor([recorded]);
        const { event, metadata } = this.codec.decode(recorded);
        out.push({
          type: recorded.type,
          effectiveDate: metadata.effectiveDate ?? null,
          recordedAt: metadata.recordedAt ?? null,
          actorId: metadata.actorId ?? null,
          actorRole: metadata.actorRole ?? null,
          data: toPlain(event.data) as Record<string, unknown>,
        });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return out;
  }
}

/** Every string anywhere in an event's data that could be an id (the read model knows which are units). */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

/** The unit labels the timeline's messages name (as its query adds them). */
function unitLabels(params: SummaryParams | undefined, units: ReadonlyMap<string, string>): Record<string, string> {
  const label = (id: unknown) => (typeof id === 'string' ? units.get(id) : undefined);
  const unitLabel = label(params?.unitId);
  const fromUnitLabel = label(params?.fromUnitId);
  return { ...(unitLabel !== undefined && { unitLabel }), ...(fromUnitLabel !== undefined && { fromUnitLabel }) };
}
