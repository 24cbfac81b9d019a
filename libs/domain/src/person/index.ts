export * from './person.decider';
export * from './identity-claim.decider';
export * from './forgotten-person';
