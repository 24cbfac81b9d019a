export * from './shared';
export * from './facility';
export * from './unit';
export * from './person';
export * from './access';
export * from './event-registry';
export * from './case';
export * from './sagas';
