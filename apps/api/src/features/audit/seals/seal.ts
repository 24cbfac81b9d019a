import { createHash, sign, verify } from 'node:crypto';
import { formatPosition, JsonObject, parsePosition, Position, RecordedEvent } from '@app/event-store';
import { canonicalJson, GENESIS } from '../../../platform/streams/hash-chain';
import { publicKeysFromPem, SigningKey, TrustedKey } from '../../../platform/crypto/seal-keys';

/** The stream the sealer appends to. Its events are checked as seals, never folded into the running hash. */
export const SEAL_STREAM = 'log-seals';
export const SEAL_EVENT_TYPE = 'LogSealed';
export const SEAL_FORMAT = 'rop-log-seal/1';

/**
 * A signed statement about the whole log: "up to position `upTo` the log held `events` events whose
 * running hash is `runningHash`". Seals are chained (`previousSeal`) and numbered (`sequence`, which is
 * also the seal's revision in SEAL_STREAM), so a removed or replaced seal shows. `heads` names the last
 * event (revision and chain hash) of each stream appended to since the previous seal, so a check can
 * say which stream lost its tail, vanished, or was rewritten.
 */
export interface SealBody {
  readonly format: typeof SEAL_FORMAT;
  readonly sequence: number;
  readonly upTo: string;
  readonly events: number;
  readonly runningHash: string;
  readonly previousSeal: string;
  readonly sealedAt: string;
  readonly keyId: string;
  readonly heads: ReadonlyArray<readonly [stream: string, revision: string, hash: string]>;
}

export interface Seal extends SealBody {
  /** Ed25519 over the canonical JSON of the body, base64. */
  readonly signature: string;
}

/** Before the first event: the running hash of an empty log. */
export const EMPTY_LOG_HASH = GENESIS;

/**
 * Folds one event into the running hash of the log: its position, stream, revision, id, type, data and
 * metadata as stored (data and metadata as canonical JSON, which the caller may pass when it has them).
 * Every part is JSON-escaped or canonical JSON, so the newlines between them are unambiguous.
 */
export function foldEvent(running: string, event: RecordedEvent, dataJson = canonicalJson(event.data), metadataJson = canonicalJson(event.metadata)): string {
  return createHash('sha256')
    .update(
      `${running}\n${formatPosition(event.position)}\n${JSON.stringify(event.stream)}\n${event.revision}\n${JSON.stringify(event.id)}\n${JSON.stringify(event.type)}\n${dataJson}\n${metadataJson}`,
    )
    .digest('hex');
}

export function signSeal(body: SealBody, key: SigningKey): Seal {
  const signature = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  return { ...body, signature };
}

export type SignatureCheck = 'ok' | 'unknown_key' | 'bad_signature';

export function checkSignature(seal: Seal, trusted: readonly TrustedKey[]): SignatureCheck {
  const key = trusted.find((k) => k.keyId === seal.keyId);
  if (!key) return 'unknown_key';
  const { signature, ...body } = seal;
  try {
    return verify(null, Buffer.from(canonicalJson(body)), key.publicKey, Buffer.from(signature, 'base64')) ? 'ok' : 'bad_signature';
  } catch {
    return 'bad_signature';
  }
}

/** What the next seal names as its predecessor. */
export function sealHash(seal: Seal): string {
  return createHash('sha256').update(canonicalJson(seal)).digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;
const POSITION = /^\d{1,20}(\/\d{1,20})?$/;

/** A seal read back from the log or from an exported file; undefined when it is not shaped as one. */
export function parseSeal(value: unknown): Seal | undefined {
  const s = value as Record<string, unknown> | null;
  if (!s || typeof s !== 'object' || s.format !== SEAL_FORMAT) return undefined;
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  const heads = s.heads;
  const headsOk =
    Array.isArray(heads) &&
    heads.every(
      (h) => Array.isArray(h) && h.length === 3 && typeof h[0] === 'string' && typeof h[1] === 'string' && /^\d{1,20}$/.test(h[1]) && typeof h[2] === 'string',
    );
  const ok =
    int(s.sequence) &&
    int(s.events) &&
    typeof s.upTo === 'string' &&
    POSITION.test(s.upTo) &&
    typeof s.runningHash === 'string' &&
    HEX64.test(s.runningHash) &&
    typeof s.previousSeal === 'string' &&
    HEX64.test(s.previousSeal) &&
    typeof s.sealedAt === 'string' &&
    typeof s.keyId === 'string' &&
    typeof s.signature === 'string' &&
    headsOk;
  if (!ok) return undefined;
  // Only the signed fields: anything else in the stored event is not part of the seal.
  const seal: Seal = {
    format: SEAL_FORMAT,
    sequence: s.sequence as number,
    upTo: s.upTo as string,
    events: s.events as number,
    runningHash: s.runningHash as string,
    previousSeal: s.previousSeal as string,
    sealedAt: s.sealedAt as string,
    keyId: s.keyId as string,
    heads: heads as SealBody['heads'],
    signature: s.signature as string,
  };
  return seal;
}

export function sealData(seal: Seal): JsonObject {
  return { ...seal, heads: seal.heads.map((h) => [...h]) };
}

export function sealPosition(seal: Seal): Position {
  return parsePosition(seal.upTo);
}

/** The file an auditor keeps elsewhere (`audit:seal --export`): the latest seal and the key that signed it. */
export interface ExportedSeal {
  readonly format: 'rop-log-seal-export/1';
  readonly seal: Seal;
  readonly publicKey: string;
  readonly exportedAt: string;
}

export function exportSeal(seal: Seal, key: TrustedKey, now: Date): ExportedSeal {
  return { format: 'rop-log-seal-export/1', seal, publicKey: key.pem, exportedAt: now.toISOString() };
}

/**
 * Reads an exported seal. The public key in the file is trusted because the auditor kept the file
 * outside the system; the seal must verify with it. Returns what is wrong, in words, when it does not.
 */
export function parseExportedSeal(value: unknown): { seal: Seal; key: TrustedKey } | { problem: string } {
  const file = value as Partial<ExportedSeal> | null;
  if (!file || typeof file !== 'object' || file.format !== 'rop-log-seal-export/1') return { problem: 'not an exported seal (format rop-log-seal-export/1)' };
  const seal = parseSeal(file.seal);
  if (!seal) return { problem: 'the exported file holds no well-formed seal' };
  let keys: TrustedKey[];
  try {
    keys = typeof file.publicKey === 'string' ? publicKeysFromPem(file.publicKey) : [];
  } catch {
    keys = [];
  }
  const key = keys.find((k) => k.keyId === seal.keyId);
  if (!key) return { problem: "the exported file holds no Ed25519 public key with the seal's key id" };
  if (checkSignature(seal, [key]) !== 'ok') return { problem: 'the exported seal does not verify with its public key' };
  return { seal, key };
}
