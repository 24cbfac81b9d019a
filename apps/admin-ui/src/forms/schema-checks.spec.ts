import type { Schema } from '../api/schema';
import { schemaChecks } from './schema-checks';

const schema: Schema = {
  type: 'object',
  required: ['on', 'kind', 'note', 'priority'],
  properties: {
    on: { type: 'string', example: '2026-03-01' },
    kind: { type: 'string', enum: ['low', 'high'] },
    note: { type: 'string', maxLength: 5 },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    unitId: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    agreement: {
      type: 'object',
      required: ['startsOn'],
      properties: { startsOn: { type: 'string', example: '2026-03-01' }, endsOn: { type: 'string', example: '2026-03-01' } },
    },
    actionPlan: { type: 'array', items: { type: 'object', required: ['goal'], properties: { goal: { type: 'string', maxLength: 3 } } } },
    members: { type: 'array', items: { type: 'string', maxLength: 4 } },
    told: { type: 'boolean' },
  },
};
const valid = {
  on: '2026-03-01',
  kind: 'low',
  note: 'ok',
  priority: '2',
  unitId: '',
  at: '',
  agreement: { startsOn: '', endsOn: '' },
  actionPlan: [],
  members: '',
  told: false,
};

describe('schema checks: what a form can tell before sending', () => {
  it('passes values the schema allows, leaving an untouched optional sub-form alone', () => {
    expect(schemaChecks(schema, valid)).toEqual({});
  });

  it('names each missing required field, a choice not made as isIn, by its dotted path', () => {
    expect(schemaChecks(schema, { ...valid, on: '', kind: '', note: ' ', priority: '' })).toEqual({
      on: { rule: 'isDefined' },
      kind: { rule: 'isIn' },
      note: { rule: 'isDefined' },
      priority: { rule: 'isIn' },
    });
    // A field the page offers choices for is chosen, not typed.
    expect(schemaChecks({ ...schema, required: ['unitId'] }, valid, new Set(['unitId']))).toEqual({ unitId: { rule: 'isIn' } });
  });

  it('checks lengths, number ranges and whole numbers, days and moments that do not exist', () => {
    expect(schemaChecks(schema, { ...valid, note: 'too long', priority: '9', on: '2026-02-30', at: '2026-13-01T10:00' })).toEqual({
      note: { rule: 'maxLength', params: { max: 5 } },
      priority: { rule: 'max', params: { max: 5 } },
      on: { rule: 'isCalendarDate' },
      at: { rule: 'isISO8601' },
    });
    expect(schemaChecks(schema, { ...valid, priority: '0' })).toEqual({ priority: { rule: 'min', params: { min: 1 } } });
    expect(schemaChecks(schema, { ...valid, priority: '2.5' })).toEqual({ priority: { rule: 'isInt' } });
    expect(schemaChecks(schema, { ...valid, members: 'Ola\nFor lang' })).toEqual({ members: { rule: 'maxLength', params: { max: 4 } } });
    // An empty list is sent as one, required or not: how many items it needs is a rule of the domain.
    expect(schemaChecks({ ...schema, required: ['members'] }, valid)).toEqual({});
  });

  it('goes into a sub-form once touched and into each item of a list, and keeps a period in order', () => {
    expect(schemaChecks(schema, { ...valid, agreement: { startsOn: '', endsOn: '2026-04-01' }, actionPlan: [{ goal: 'ok' }, { goal: '' }] })).toEqual({
      'agreement.startsOn': { rule: 'isDefined' },
      'actionPlan.1.goal': { rule: 'isDefined' },
    });
    expect(schemaChecks(schema, { ...valid, agreement: { startsOn: '2026-04-02', endsOn: '2026-04-01' } })).toEqual({
      'agreement.endsOn': { rule: 'dateOrder', params: { after: 'startsOn' } },
    });
  });
});
