import { specFor } from '../shared/given-when-then';
import { UnitCommand, unitDecider, UnitEvent } from './unit.decider';

/** A unit's attributes and cluster: what a case worker sees of a flat when offering it. */
const given = specFor(unitDecider);
type Command<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>;
const ref = { unitId: 'u1', facilityId: 'f1' };
const facilityAttributes = ['reinforced', 'ground_floor', 'pets_allowed'] as const;

const add: Command<'AddUnit'> = { type: 'AddUnit', ...ref, label: 'H0101', kind: 'permanent', capacity: 1, facilityAttributes };
const added = (data: Partial<Extract<UnitEvent, { type: 'UnitAdded' }>['data']> = {}): UnitEvent => ({
  type: 'UnitAdded',
  data: { ...ref, label: 'H0101', kind: 'permanent', capacity: 1, ...data },
});
const describe_ = (over: Partial<Command<'DescribeUnit'>> = {}): Command<'DescribeUnit'> => ({
  type: 'DescribeUnit',
  unitId: 'u1',
  attributes: [],
  facilityAttributes,
  ...over,
});

describe('unit description', () => {
  describe('AddUnit', () => {
    it('records the attributes in the fixed order, each once, and the cluster trimmed', () => {
      given()
        .when({ ...add, attributes: ['pets_allowed', 'reinforced', 'pets_allowed'], cluster: ' 1. etasje ' })
        .then(added({ attributes: ['reinforced', 'pets_allowed'], cluster: '1. etasje' }));
    });
    it('writes neither field when none is given, as units were added before', () => {
      given()
        .when({ ...add, attributes: [], cluster: '  ' })
        .then(added());
    });
    it('refuses an attribute the facility does not record', () => {
      given()
        .when({ ...add, attributes: ['accessible'] })
        .thenRejects('unit.attribute_not_used_by_facility', 'attributes');
    });
    it('refuses any attribute when the facility records none (a profile from before)', () => {
      given()
        .when({ ...add, facilityAttributes: undefined, attributes: ['reinforced'] })
        .thenRejects('unit.attribute_not_used_by_facility', 'attributes');
    });
    it('refuses a cluster label longer than 40 characters', () => {
      given()
        .when({ ...add, cluster: 'x'.repeat(41) })
        .thenRejects('unit.cluster_too_long', 'cluster');
    });
    it('is idempotent with the same description, and refuses another under the same id', () => {
      const event = added({ attributes: ['reinforced'], cluster: 'Hus B' });
      given(event)
        .when({ ...add, attributes: ['reinforced'], cluster: 'Hus B' })
        .thenNothing();
      given(event)
        .when({ ...add, attributes: ['reinforced'], cluster: 'Hus C' })
        .thenRejects('unit.already_added');
    });
  });

  describe('DescribeUnit', () => {
    it('records a new description of a unit added before attributes existed', () => {
      given(added())
        .when(describe_({ attributes: ['ground_floor'], cluster: '1. etasje' }))
        .then({ type: 'UnitDescribed', data: { ...ref, attributes: ['ground_floor'], cluster: '1. etasje' } });
    });
    it('records nothing when the description is already the unit’s', () => {
      given(added({ attributes: ['reinforced'], cluster: 'Hus B' }))
        .when(describe_({ attributes: ['reinforced'], cluster: 'Hus B ' }))
        .thenNothing();
      given(added(), { type: 'UnitDescribed', data: { ...ref, attributes: ['pets_allowed'], cluster: '2. etasje' } })
        .when(describe_({ attributes: ['pets_allowed'], cluster: '2. etasje' }))
        .thenNothing();
    });
    it('removes the cluster when none is given', () => {
      given(added({ cluster: 'Hus B' }))
        .when(describe_())
        .then({ type: 'UnitDescribed', data: { ...ref, attributes: [] } });
    });
    it('lets an attribute the facility no longer records stay, but not be added', () => {
      const reinforced = added({ attributes: ['reinforced'] });
      given(reinforced)
        .when(describe_({ attributes: ['reinforced'], cluster: 'Hus A', facilityAttributes: ['ground_floor'] }))
        .then({ type: 'UnitDescribed', data: { ...ref, attributes: ['reinforced'], cluster: 'Hus A' } });
      given(reinforced)
        .when(describe_({ attributes: ['reinforced', 'pets_allowed'], facilityAttributes: ['ground_floor'] }))
        .thenRejects('unit.attribute_not_used_by_facility', 'attributes');
    });
    it('refuses an unknown unit', () => {
      given().when(describe_()).thenRejects('unit.not_found', 'unitId');
    });
  });
});
