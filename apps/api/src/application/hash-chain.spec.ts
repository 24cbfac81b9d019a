import { createHash } from 'node:crypto';
import { canonicalJson, chainHash, GENESIS, linkFor } from './hash-chain';

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
      .update(canonicalJson({ stream: event.stream, revision: event.revision.toString(), type: event.type, data: event.data, metadata, prev: event.prev }))
      .digest('hex');
    expect(linkFor(event)).toEqual({ prev: GENESIS, hash: original });
    expect(chainHash({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(metadata) })).toBe(original);
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
