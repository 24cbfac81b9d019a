/** How the app writes an event (see README.md): what the dataset generator needs to write as the app does. */
export { primaryRole, SYSTEM_ACTOR } from '../../apps/api/src/platform/auth/actor';
export type { Actor } from '../../apps/api/src/platform/auth/actor';
export { EventCodec } from '../../apps/api/src/platform/streams/event-codec';
export type { DomainEventLike } from '../../apps/api/src/platform/streams/event-codec';
export type { EventMetadata } from '../../apps/api/src/platform/streams/event-metadata';
export { GENESIS, linkFor } from '../../apps/api/src/platform/streams/hash-chain';
export { uuidV5 } from '../../apps/api/src/platform/ids';
export { actionFor } from '../../apps/api/src/features/cases/case-commands';
export { KeyWrapper } from '../../apps/api/src/platform/crypto/key-wrapping';
export { PersonalDataCipher } from '../../apps/api/src/platform/crypto/personal-data-cipher';
export { SqliteKeyStore } from '../../apps/api/src/platform/crypto/sqlite-key-store';
