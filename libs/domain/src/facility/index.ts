export * from './facility.decider';
export * from './facility.upcasters';
