/** The read models (see README.md): what the projection and query benchmarks rebuild and ask. */
export type { Actor } from '../../apps/api/src/platform/auth/actor';
export { EventCodec } from '../../apps/api/src/platform/streams/event-codec';
export { READ_MODEL_FEATURES } from '../../apps/api/src/read-models/features';
export { ALL_PROJECTIONS } from '../../apps/api/src/read-models/projections';
export { decodeForProjections } from '../../apps/api/src/read-models/read-models.providers';
