export * from './roles';
export * from './username';
export * from './user.decider';
export * from './username-claim.decider';
export * from './setup.decider';
export * from './access-log.decider';
