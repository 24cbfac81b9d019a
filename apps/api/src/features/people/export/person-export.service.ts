import { Inject, Injectable } from '@nestjs/common';
import { AccessRecord, accessLogStream, caseStream, DecisionIssued, personStream } from '@app/domain';
import { EVENT_STORE, EventStore, StreamNotFoundError } from '@app/event-store';
import { EventCodec } from '../../../platform/streams/event-codec';
import { NotFound } from '../../../platform/errors/command-errors';
import { toPlain } from '../../audit/state-diff';
import { ReadModels } from '../../../read-models/read-models.service';

export interface ExportEntry {
  readonly type: string;
  readonly effectiveDate: string | null;
  readonly recordedAt: string | null;
  readonly actorRole: string | null;
  readonly data: Record<string, unknown>;
}

export interface ExportedDecision {
  readonly caseId: string;
  readonly decisionId: string;
  readonly kind: string;
  readonly legalBasis: string;
  readonly citation: string;
  readonly facts: unknown;
  readonly mainConsiderations: unknown;
  readonly decidedBy: unknown;
  readonly issuedOn: string;
  readonly notifiedOn: string;
  readonly appealNotice: unknown;
}

export interface PersonExport {
  readonly personId: string;
  readonly generatedAt: string;
  /**
   * False when the reader's facilities hold only some of the person's cases and no purpose was stated:
   * the export then leaves out the other facilities' cases (and the reads of them). A complete export
   * for the person's right of access needs a purpose (flagged) or an auditor.
   */
  readonly complete: boolean;
  readonly person: ExportEntry[];
  readonly cases: Array<{ caseId: string; events: ExportEntry[] }>;
  readonly decisions: ExportedDecision[];
  readonly accessLog: Array<{
    at: string;
    actorId: string;
    actorRole: string;
    view: string;
    caseId?: string;
    purpose?: unknown;
    flagged: boolean;
    write?: true;
  }>;
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
  ) {}

  /** `show`: the facilities whose cases the reader may see (AccessLogService.decide). */
  async export(personId: string, now: Date, show: 'everything' | readonly string[] = 'everything'): Promise<PersonExport> {
    const person = await this.entries(personStream(personId));
    if (person.length === 0) throw new NotFound('Person');
    const all = await this.casesOf(personId);
    const shown = show === 'everything' ? all : all.filter((c) => show.includes(c.facilityId));
    const cases = [];
    for (const { caseId } of shown) cases.push({ caseId, events: await this.entries(caseStream(caseId)) });
    const shownIds = new Set(shown.map((c) => c.caseId));
    const decisions = cases.flatMap(({ caseId, events }) =>
      events
        .filter((e) => e.type === 'DecisionIssued')
        .map((e) => {
          const d = e.data as DecisionIssued['data'];
          return {
            caseId,
            decisionId: d.decisionId,
            kind: d.kind,
            legalBasis: d.legalBasis,
            citation: d.citation,
            facts: d.facts,
            mainConsiderations: d.mainConsiderations,
            decidedBy: d.decidedBy,
            issuedOn: d.on,
            notifiedOn: d.notifiedOn,
            appealNotice: d.appealNotice,
          };
        }),
    );
    const accessLog = (await this.entries(accessLogStream(personId)))
      .map((e) => {
        const d = e.data as unknown as AccessRecord;
        return {
          at: d.at,
          actorId: d.actorId,
          actorRole: d.actorRole,
          view: d.view,
          caseId: d.caseId,
          purpose: d.purpose,
          flagged: d.flagged,
          ...(d.write && { write: true as const }),
        };
      })
      .filter((a) => a.caseId === undefined || shownIds.has(a.caseId));
    return { personId, generatedAt: now.toISOString(), complete: shown.length === all.length, person, cases, decisions, accessLog };
  }

  private async casesOf(personId: string): Promise<Array<{ caseId: string; facilityId: string }>> {
    await this.readModels.ready(['person_files']);
    const rows = this.readModels
      .statement(`SELECT case_id, facility_id FROM ${this.readModels.table('person_files', 'person_cases')} WHERE person_id = ? ORDER BY case_id`)
      .all(personId) as Array<{ case_id: string; facility_id: string }>;
    return rows.map((r) => ({ caseId: r.case_id, facilityId: r.facility_id }));
  }

  private async entries(stream: string): Promise<ExportEntry[]> {
    const out: ExportEntry[] = [];
    try {
      for await (const recorded of this.store.readStream(stream)) {
        await this.codec.loadKeysFor([recorded]);
        const { event, metadata } = this.codec.decode(recorded);
        out.push({
          type: recorded.type,
          effectiveDate: metadata.effectiveDate ?? null,
          recordedAt: metadata.recordedAt ?? null,
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
