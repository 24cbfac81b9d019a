import { projectionSpec } from '@app/projections';
import { auditLogProjection } from './audit-log.projection';

describe('audit log projection', () => {
  it('records every event with its actor, role, times and command ids, but none of its data', () => {
    const spec = projectionSpec(auditLogProjection);
    const e = spec.event(
      'IncidentRecorded',
      { caseId: 'c1', description: 'Kari threatened staff' },
      {
        stream: 'case-c1',
        metadata: {
          actorId: 'u7',
          actorRole: 'case_worker',
          recordedAt: '2026-03-01T12:00:00.000Z',
          effectiveDate: '2026-02-28',
          commandId: 'cmd1',
          commandType: 'RecordIncident',
          correlationId: 'corr1',
          causationId: 'cmd1',
          reason: 'because',
        },
      },
    );
    spec.given(e);
    const [row] = spec.rows('audit_events');
    expect(row).toMatchObject({
      stream: 'case-c1',
      event_type: 'IncidentRecorded',
      actor_id: 'u7',
      actor_role: 'case_worker',
      recorded_at: '2026-03-01T12:00:00.000Z',
      effective_date: '2026-02-28',
      command_type: 'RecordIncident',
      correlation_id: 'corr1',
      has_reason: 1,
    });
    expect(JSON.stringify(row)).not.toContain('Kari');
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(auditLogProjection);
    const events = [spec.event('A', {}), spec.event('B', {}), spec.event('C', {})];
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.audit_events).toHaveLength(3);
  });
});
