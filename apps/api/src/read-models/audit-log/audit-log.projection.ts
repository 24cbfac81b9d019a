import { domainProjection } from '../shared/projected-event';

/**
 * Every event with who, in which role, when, why, and as part of which command and conversation.
 * Auditors filter it by actor, period, event type and stream. It holds no event data: what an event
 * says is read through the case replay, which logs the access. It keeps two facts from the event
 * beside its metadata: the facility it belongs to (an opaque id, so a team lead sees their own), and
 * whether it is a late entry (recorded more than LATE_ENTRY_DAYS after its effective date).
 */
export const auditLogProjection = domainProjection({
  name: 'audit_log',
  version: 2,
  eventTypes: '*',
  onPoison: 'continue',
  tables: [
    {
      name: 'audit_events',
      columns: `commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL,
        revision INTEGER NOT NULL, event_type TEXT NOT NULL, actor_id TEXT, actor_role TEXT, recorded_at TEXT NOT NULL,
        effective_date TEXT, command_id TEXT, command_type TEXT, correlation_id TEXT, causation_id TEXT, has_reason INTEGER NOT NULL,
        facility_id TEXT, days_late INTEGER,
        PRIMARY KEY (commit_position, prepare_position)`,
      indexes: [
        '(actor_id, commit_position)',
        '(event_type, commit_position)',
        '(stream, commit_position)',
        '(recorded_at)',
        '(correlation_id)',
        '(facility_id, commit_position) WHERE days_late IS NOT NULL',
      ],
    },
  ],
  handle(e) {
    const m = e.metadata;
    return [
      {
        op: 'upsert',
        table: 'audit_events',
        key: ['commit_position', 'prepare_position'],
        row: {
          // EventStoreDB gives the events of one append the same commit position; the pair is unique.
          commit_position: e.position.commit,
          prepare_position: e.position.prepare,
          event_id: e.id,
          stream: e.stream,
          revision: e.revision,
          event_type: e.type,
          actor_id: m.actorId ?? null,
          actor_role: m.actorRole ?? null,
          recorded_at: m.recordedAt ?? e.created.toISOString(),
          effective_date: m.effectiveDate ?? null,
          command_id: m.commandId ?? null,
          command_type: m.commandType ?? null,
          correlation_id: m.correlationId ?? null,
          causation_id: m.causationId ?? null,
          has_reason: m.reason ? 1 : 0,
          facility_id: facilityOf(e.data),
          days_late: typeof m.lateEntry?.daysLate === 'number' ? m.lateEntry.daysLate : null,
        },
      },
    ];
  },
});

/** The facility an event names, whichever event it is (a case's, a unit's, a facility's own); null for the others. */
function facilityOf(data: object | undefined): string | null {
  const facilityId = (data as { facilityId?: unknown } | undefined)?.facilityId;
  return typeof facilityId === 'string' ? facilityId : null;
}
