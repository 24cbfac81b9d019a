export * from './person.decider';
export * from './identity-claim.decider';
