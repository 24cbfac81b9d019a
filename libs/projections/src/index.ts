export * from './projection';
export * from './read-model-db';
export * from './projection-group';
export * from './projection-engine';
export * from './testing/projection-spec';
