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
  const { chain: _ignored, ...metadata } = input.metadata;
  const hash = createHash('sha256')
    .update(canonicalJson({ stream: input.stream, revision: input.revision.toString(), type: input.type, data: input.data, metadata, prev: input.prev }))
    .digest('hex');
  return { prev: input.prev, hash };
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainOf(metadata: unknown): ChainLink | undefined {
  const chain = (metadata as { chain?: ChainLink } | undefined)?.chain;
  return chain && typeof chain.hash === 'string' && typeof chain.prev === 'string' ? chain : undefined;
}
