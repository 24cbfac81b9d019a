import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalMetadata, chainHash, GENESIS, linkFor, withoutChain } from './hash-chain';

/** canonicalJson as first written: stored chains were hashed with it, so it stays the reference. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
}

describe('hash chain', () => {
  const event = {
    stream: 'case-1',
    revision: 3n,
    type: 'IncidentRecorded',
    data: { z: 1, a: { y: [1, { b: 2, a: 'æøå "q"' }], x: null } },
    metadata: { actorId: 'u1', schemaVersion: 1, chain: { prev: 'p', hash: 'h' }, skipped: undefined },
    prev: GENESIS,
  };

  it('hashes exactly what every stored chain was hashed from, so stored chains keep verifying', () => {
    // The original definition: canonical JSON of the event without its chain, and the previous hash.
    const { chain: _chain, ...metadata } = event.metadata;
    const original = createHash('sha256')
      .update(
        referenceCanonicalJson({ stream: event.stream, revision: event.revision.toString(), type: event.type, data: event.data, metadata, prev: event.prev }),
      )
      .digest('hex');
    expect(linkFor(event)).toEqual({ prev: GENESIS, hash: original });
    expect(chainHash({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(metadata) })).toBe(original);
  });

  it('serialises any JSON exactly as the reference does, and metadata with and without its chain alike', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => v as unknown);
    const record = fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('chain', 'actorId', 'ä', '\u{1F600}', '__proto__x')),
      fc.oneof(json, fc.constant(undefined)),
    );
    fc.assert(
      fc.property(json, (value) => canonicalJson(value) === referenceCanonicalJson(value)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(record, (metadata) => {
        const both = canonicalMetadata(metadata);
        return both.whole === referenceCanonicalJson(metadata) && both.withoutChain === referenceCanonicalJson(withoutChain(metadata));
      }),
      { numRuns: 500 },
    );
  });

  it('changes with every part it covers', () => {
    const base = linkFor(event).hash;
    expect(linkFor({ ...event, revision: 4n }).hash).not.toBe(base);
    expect(linkFor({ ...event, stream: 'case-2' }).hash).not.toBe(base);
    expect(linkFor({ ...event, type: 'Other' }).hash).not.toBe(base);
    expect(linkFor({ ...event, data: { ...event.data, z: 2 } }).hash).not.toBe(base);
    expect(linkFor({ ...event, metadata: { ...event.metadata, actorId: 'u2' } }).hash).not.toBe(base);
    expect(linkFor({ ...event, prev: '1'.repeat(64) }).hash).not.toBe(base);
    // The chain itself is not covered: it is what the hash is stored in.
    expect(linkFor({ ...event, metadata: { ...event.metadata, chain: { prev: 'x', hash: 'y' } } }).hash).toBe(base);
  });
});
