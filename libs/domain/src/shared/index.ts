export * from './decider';
export * from './dates';
export * from './identity-number';
export * from './upcasting';
export * from './norwegian-holidays';
