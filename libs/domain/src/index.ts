export * from './shared';
export * from './inventory';
export * from './person';
export * from './access';
export * from './event-registry';
export * from './case';
export * from './process';
