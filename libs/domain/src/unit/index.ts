export * from './unit.decider';
export * from './unit-claims';
