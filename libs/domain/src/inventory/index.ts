export * from './facility.decider';
export * from './facility.upcasters';
export * from './unit.decider';
export * from './unit-claims';
