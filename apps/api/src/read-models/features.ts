import { auditLogFeature } from './audit-log';
import { ReadModelFeature } from './read-model-feature';

/** Every read model the app keeps: add a feature here and the engine builds it and the API serves it. */
export const READ_MODEL_FEATURES: readonly ReadModelFeature[] = [
  auditLogFeature,
];
