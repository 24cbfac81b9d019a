/** How the app writes an event (see README.md): what the dataset generator needs to write as the app does. */
export { primaryRole, SYSTEM_ACTOR } from '../../apps/api/src/application/actor';
export type { Actor } from '../../apps/api/src/application/actor';
export { EventCodec } from '../../apps/api/src/application/event-codec';
export type { DomainEventLike } from '../../apps/api/src/application/event-codec';
export type { EventMetadata } from '../../apps/api/src/application/event-metadata';
export { GENESIS, linkFor } from '../../apps/api/src/application/hash-chain';
export { uuidV5 } from '../../apps/api/src/application/ids';
export { actionFor } from '../../apps/api/src/cases/case-permissions';
export { KeyWrapper } from '../../apps/api/src/privacy/key-wrapping';
export { PersonalDataCipher } from '../../apps/api/src/privacy/personal-data-cipher';
export { SqliteKeyStore } from '../../apps/api/src/privacy/sqlite-key-store';
