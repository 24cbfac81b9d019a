import { createHash } from 'node:crypto';

/**
 * Tamper evidence. Every stored event carries in its metadata `chain: { prev, hash }`: `hash` covers the
 * event's stream, revision, type, data and metadata (all but the chain itself) and the previous event's
 * hash. Changing, deleting or reordering a stored event breaks the link at that point, and
 * `audit:verify` names the first broken link. The hash covers what is stored: after a person's key is
 * deleted (crypto-shredding), the encrypted fields are unchanged, so the chain still verifies.
 */
export const GENESIS = '0'.repeat(64);

export interface ChainLink {
  readonly prev: string;
  readonly hash: string;
}

export function linkFor(input: { stream: string; revision: bigint; type: string; data: unknown; metadata: Record<string, unknown>; prev: string }): ChainLink {
  const hash = chainHash({ ...input, dataJson: canonicalJson(input.data), metadataJson: canonicalJson(withoutChain(input.metadata)) });
  return { prev: input.prev, hash };
}

/**
 * The chain hash from data and metadata (without the chain) already in canonical JSON, so a verifier
 * that also needs them for the log's running hash serialises each event once. The bytes are those of
 * `canonicalJson({ data, metadata, prev, revision, stream, type })`, keys in sorted order.
 */
export function chainHash(input: { stream: string; revision: bigint; type: string; dataJson: string; metadataJson: string; prev: string }): string {
  const text = `{"data":${input.dataJson},"metadata":${input.metadataJson},"prev":${JSON.stringify(input.prev)},"revision":${JSON.stringify(input.revision.toString())},"stream":${JSON.stringify(input.stream)},"type":${JSON.stringify(input.type)}}`;
  return createHash('sha256').update(text).digest('hex');
}

export function withoutChain(metadata: Record<string, unknown>): Record<string, unknown> {
  const { chain: _ignored, ...rest } = metadata;
  return rest;
}

/**
 * JSON with object keys sorted at every level (by UTF-16 code units) and undefined members left out, so
 * the same content always hashes the same. Written as loops: the verifier runs it on every event.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Stored metadata as canonical JSON twice, serialising each member once: without the chain (what the
 * chain hash covers) and whole (what the log's running hash covers).
 */
export function canonicalMetadata(metadata: Record<string, unknown>): { withoutChain: string; whole: string } {
  const keys = Object.keys(metadata).sort();
  let withoutChain = '';
  let whole = '';
  for (const key of keys) {
    const member = metadata[key];
    if (member === undefined) continue;
    const entry = `${JSON.stringify(key)}:${canonicalJson(member)}`;
    whole += whole ? `,${entry}` : entry;
    if (key !== 'chain') withoutChain += withoutChain ? `,${entry}` : entry;
  }
  return { withoutChain: `{${withoutChain}}`, whole: `{${whole}}` };
}

export function chainOf(metadata: unknown): ChainLink | undefined {
  const chain = (metadata as { chain?: ChainLink } | undefined)?.chain;
  return chain && typeof chain.hash === 'string' && typeof chain.prev === 'string' ? chain : undefined;
}
