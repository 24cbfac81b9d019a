import { comparePositions, EventStore, formatPosition, Position, RecordedEvent, StoreBookkeeping, START, StreamNotFoundError } from '@app/event-store';
import { canonicalJson, canonicalMetadata, chainHash, chainOf, GENESIS } from '../../platform/streams/hash-chain';
import { checkSignature, EMPTY_LOG_HASH, foldEvent, parseSeal, Seal, SEAL_EVENT_TYPE, SEAL_STREAM, sealHash, sealPosition } from './seals/seal';
import { TrustedKey } from '../../platform/crypto/seal-keys';

/**
 * What a check can find, in the words an auditor reads:
 * - altered: an event no longer matches its own hash (or its successor's link to it);
 * - deleted: revisions missing in the middle of a stream;
 * - reordered: events out of order in their stream, or standing elsewhere in the log than a seal saw them;
 * - tail_deleted: a stream ends before the revision a seal (or the store's head row) says it reached;
 * - stream_deleted: a stream a seal (or a head row) names has no events left;
 * - rewritten: a stream's chain verifies but differs from what a seal covered (hashes recomputed);
 * - position_gap: positions missing in a store that gives out every position (SQLite);
 * - head_mismatch: the store's head row disagrees with the stream's last event;
 * - missing_chain: an event without a hash chain;
 * - log_truncated: the log ends before what a seal covered;
 * - seal_forged: a seal that does not verify, is signed by an untrusted key, or is no seal at all;
 * - seal_missing: seals removed from or replaced in the seal chain (or an exported seal gone);
 * - seal_unverifiable: seals exist but no trusted public key was given to check them.
 */
export type FindingKind =
  | 'altered'
  | 'deleted'
  | 'reordered'
  | 'tail_deleted'
  | 'stream_deleted'
  | 'rewritten'
  | 'position_gap'
  | 'head_mismatch'
  | 'missing_chain'
  | 'log_truncated'
  | 'seal_forged'
  | 'seal_missing'
  | 'seal_unverifiable';

/** Why a seal is forged: not a seal at all, signed by a key not trusted, or a signature that does not verify. */
export type SealForgedCause = 'not_a_seal' | 'untrusted_key' | 'bad_signature';

/** `kind` (and `cause`, where given) are stable codes: the admin UI says each in words by its code. */
export interface Finding {
  readonly kind: FindingKind;
  /** For seal_forged: which of its causes. */
  readonly cause?: SealForgedCause;
  readonly stream?: string;
  /** A revision, or a range "from..to". */
  readonly revision?: string;
  /** A position, or a range "from..to". */
  readonly position?: string;
  /** The seal (its sequence number) that showed it. */
  readonly seal?: number;
  /** In English, for logs and the command line; names no personal data. */
  readonly detail: string;
}

export interface SealsSummary {
  /**
   * verified: every seal checked out; none: a key is configured but the log holds no seal yet;
   * not_configured: no key and no seals (nothing can show a deleted tail or recomputed hashes);
   * unverifiable: seals, but no key to check them; broken: a seal failed.
   */
  readonly status: 'verified' | 'none' | 'not_configured' | 'unverifiable' | 'broken';
  readonly count: number;
  readonly latest?: { readonly sequence: number; readonly upTo: string; readonly events: number; readonly sealedAt: string; readonly keyId: string };
  /** Events after the latest seal's position: not covered by any seal yet. */
  readonly eventsAfterLatest?: number;
  /** With an exported seal: whether the log still holds it. */
  readonly against?: { readonly sequence: number; readonly upTo: string; readonly found: boolean };
  /** In stream scope only the stream's own heads in the seals are compared, not the running hash. */
  readonly scope: 'log' | 'stream';
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly findings: readonly Finding[];
  /** Findings beyond the first MAX_FINDINGS, counted but not listed. */
  readonly findingsOmitted: number;
  readonly seals: SealsSummary;
}

export interface VerifyOptions {
  /** One stream; the whole log when left out. */
  readonly stream?: string;
  /** Public keys whose seals are trusted: from configuration or an auditor's file, never from DATA_DIR. */
  readonly trustedKeys?: readonly TrustedKey[];
  /** A seal exported earlier and kept elsewhere: the log must still hold it and what it covers. */
  readonly against?: Seal;
  /** Called with the events checked so far after each batch (BATCH events), and once at the end. */
  readonly onProgress?: (events: number) => void;
  /** Stops the check at the next batch (the process shuts down): verifyLog rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Events checked between two progress reports, and between two turns given to the event loop. */
const BATCH = 2000;

/**
 * Run from an HTTP request or a job in the serving process too: between batches, report progress and
 * let other requests in (the store reads in pages, so a batch is a few page reads).
 */
async function endOfBatch(events: number, options: VerifyOptions): Promise<void> {
  if (events % BATCH !== 0) return;
  options.onProgress?.(events);
  await new Promise((resolve) => setImmediate(resolve));
  options.signal?.throwIfAborted();
}

const MAX_FINDINGS = 200;

/**
 * Verifies the log: every stream's hash chain, the store's own bookkeeping where it keeps any (stream
 * head rows, dense positions), and every seal (signature, chain of seals, and the running hash of the
 * log recomputed up to each seal's position). The running hash is recomputed from the events, never
 * taken from a checkpoint. Findings name the stream, revision or position and what happened.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> {
  const started = performance.now();
  const result = options.stream ? await verifyOneStream(store, options.stream, options) : await new LogVerification(store, options).run();
  const seconds = (performance.now() - started) / 1000;
  const { findings } = result;
  return {
    ok: findings.list.length === 0 && findings.omitted === 0,
    streams: result.streams,
    events: result.events,
    seconds,
    eventsPerSecond: seconds > 0 ? Math.round(result.events / seconds) : result.events,
    findings: findings.list,
    findingsOmitted: findings.omitted,
    seals: result.seals,
  };
}

type MutableFinding = { -readonly [K in keyof Finding]: Finding[K] };

class Findings {
  readonly list: MutableFinding[] = [];
  omitted = 0;
  /** Every finding made, listed or deduplicated: tells whether something was found since a moment. */
  made = 0;
  private readonly keys = new Set<string>();
  private readonly streams = new Set<string>();

  add(
    finding: Finding,
    key = `${finding.kind}|${finding.stream ?? ''}|${finding.revision ?? ''}|${finding.position ?? ''}|${finding.seal ?? ''}`,
  ): MutableFinding | undefined {
    this.made++;
    if (this.keys.has(key)) return undefined;
    this.keys.add(key);
    if (finding.stream) this.streams.add(finding.stream);
    if (this.list.length >= MAX_FINDINGS) {
      this.omitted++;
      return undefined;
    }
    const listed = { ...finding };
    this.list.push(listed);
    return listed;
  }

  /** A finding was changed in place (a hole turned out to be a move): counts as something found. */
  changed(): void {
    this.made++;
  }

  about(stream: string): boolean {
    return this.streams.has(stream);
  }
}

const range = (from: bigint | number, to: bigint | number) => (from === to ? `${from}` : `${from}..${to}`);
const positions = (from: bigint, to: bigint) => (from === to ? `position ${from}` : `positions ${from}..${to}`);

interface StreamState {
  /** The revision of the event seen last (in the order read) and the highest seen. */
  last: bigint;
  max: bigint;
  /** The stored chain hash and the recomputed hash of the event seen last. */
  stored: string;
  recomputed: string;
  /** Only for a stream read out of order: stored hashes by revision, and the holes found. */
  hashes?: Map<bigint, string>;
  gaps?: Array<{ from: bigint; to: bigint; filled?: boolean; finding?: MutableFinding }>;
}

/** The per-stream hash chains, fed one event at a time in the order the log holds them. */
class ChainCheck {
  readonly streams = new Map<string, StreamState>();

  constructor(private readonly findings: Findings) {}

  /** Checks one event against its stream's chain; returns its recomputed chain hash. */
  check(event: RecordedEvent, dataJson: string, metadataJson: string): string {
    let s = this.streams.get(event.stream);
    if (!s) this.streams.set(event.stream, (s = { last: -1n, max: -1n, stored: GENESIS, recomputed: GENESIS }));
    const chain = chainOf(event.metadata);
    const revision = event.revision;
    const recomputed = chainHash({ stream: event.stream, revision, type: event.type, dataJson, metadataJson, prev: chain?.prev ?? GENESIS });
    const position = formatPosition(event.position);
    const add = (kind: FindingKind, detail: string, at: string = revision.toString()) =>
      this.findings.add({ kind, stream: event.stream, revision: at, position, detail });
    let inPlace = true;
    if (revision > s.max + 1n) {
      // Revisions skipped: deleted, unless they turn up later in the log (then the stream was reordered).
      const [from, to] = [s.max + 1n, revision - 1n];
      s.hashes ??= new Map(s.last >= 0n ? [[s.last, s.stored]] : []);
      s.gaps = [
        ...(s.gaps ?? []),
        { from, to, finding: add('deleted', `revision ${range(from, to)} of the stream is missing (deleted in the middle)`, range(from, to)) },
      ];
      inPlace = false;
    } else if (revision <= s.max) {
      s.hashes ??= new Map(s.last >= 0n ? [[s.last, s.stored]] : []);
      const gap = s.gaps?.find((g) => g.from <= revision && revision <= g.to);
      if (gap && !gap.filled) {
        gap.filled = true;
        this.findings.changed();
        if (gap.finding) {
          gap.finding.kind = 'reordered';
          gap.finding.detail = `revision ${range(gap.from, gap.to)} stands after revision ${gap.to + 1n} in the log: the stream was reordered`;
        }
      } else if (!gap) add('reordered', `revision ${revision} stands after revision ${s.max} in the log: the stream was reordered`);
      inPlace = false;
    }
    if (!chain) add('missing_chain', 'the event carries no hash chain');
    else if (inPlace) {
      const prevStored = revision === 0n ? GENESIS : (s.hashes?.get(revision - 1n) ?? (s.last === revision - 1n ? s.stored : undefined));
      if (recomputed !== chain.hash) add('altered', 'the event no longer matches its own hash: it was changed');
      else if (prevStored !== undefined && chain.prev !== prevStored) {
        add(
          'altered',
          `revision ${revision - 1n} was changed and its own hash recomputed: revision ${revision} still links to its old hash`,
          (revision - 1n).toString(),
        );
      }
    }
    // Links are checked only between events in place: next to a moved event they say nothing new.
    if (inPlace) s.hashes?.set(revision, chain?.hash ?? GENESIS);
    s.last = revision;
    if (revision > s.max) s.max = revision;
    s.stored = chain?.hash ?? GENESIS;
    s.recomputed = recomputed;
    return recomputed;
  }

  /** Whether a revision of a stream was found missing (a hole no later event filled). */
  missing(stream: string, revision: bigint): boolean {
    return this.streams.get(stream)?.gaps?.some((g) => !g.filled && g.from <= revision && revision <= g.to) ?? false;
  }
}

/** Reads the seal stream alongside the log, checks each seal's form, signature and place in the seal chain. */
class SealReader {
  count = 0;
  genuine = 0;
  latest?: Seal;
  againstFound = false;
  private iterator?: AsyncIterator<RecordedEvent>;
  private done = false;
  /** The seal chain so far: the last seal's place, and its hash when it could be trusted. */
  private last?: { sequence: number; hash?: string; upTo: Position };
  private againstReturned = false;

  constructor(
    private readonly store: EventStore,
    private readonly trusted: readonly TrustedKey[],
    private readonly findings: Findings,
    /** Seals covering more than the log held when the check began are left for the next check. */
    private readonly horizon: Position | null,
    private readonly against?: Seal,
  ) {}

  /** The next seal whose content can be trusted, in seal order; undefined after the last. */
  async next(): Promise<Seal | undefined> {
    for (;;) {
      const e = await this.pull();
      if (!e) return this.againstIfGone();
      this.count++;
      const seal = parseSeal(e.data);
      const at = { stream: SEAL_STREAM, revision: e.revision.toString(), position: formatPosition(e.position) };
      if (e.type !== SEAL_EVENT_TYPE || !seal) {
        this.findings.add({ kind: 'seal_forged', cause: 'not_a_seal', ...at, detail: `event ${e.revision} of the seal stream is not a seal` });
        continue;
      }
      if (this.against && seal.sequence === this.against.sequence) {
        this.againstFound = true;
        if (sealHash(seal) !== sealHash(this.against))
          this.findings.add({
            kind: 'seal_missing',
            ...at,
            seal: seal.sequence,
            detail: `seal ${seal.sequence} in the log is not the exported seal ${seal.sequence}: it was replaced`,
          });
      }
      if (!this.horizon || comparePositions(sealPosition(seal), this.horizon) > 0) continue;
      if (this.trusted.length === 0) {
        this.findings.add(
          {
            kind: 'seal_unverifiable',
            stream: SEAL_STREAM,
            detail: 'the log holds seals, but no public key was given to check them (SEAL_KEY_FILE, SEAL_PRIVATE_KEY, SEAL_PUBLIC_KEY_FILE or --against)',
          },
          'seal_unverifiable',
        );
        continue;
      }
      const signature = checkSignature(seal, this.trusted);
      if (signature !== 'ok') {
        const why =
          signature === 'unknown_key' ? `is signed by key ${seal.keyId}, which is not trusted` : 'does not verify with its key: it was forged or changed';
        const cause = signature === 'unknown_key' ? 'untrusted_key' : 'bad_signature';
        this.findings.add({ kind: 'seal_forged', cause, ...at, seal: seal.sequence, detail: `seal ${seal.sequence} ${why}` });
        // It holds its place in the seal chain, though what it says (and so its hash) cannot be trusted.
        if (!this.last || seal.sequence === this.last.sequence + 1) this.last = { sequence: seal.sequence, upTo: this.last?.upTo ?? START };
        continue;
      }
      const expected = this.last ? this.last.sequence + 1 : 0;
      if (seal.sequence < expected) {
        this.findings.add({
          kind: 'seal_missing',
          ...at,
          seal: seal.sequence,
          detail: `seal ${seal.sequence} stands after seal ${expected - 1}: seals were moved or restored`,
        });
        continue;
      }
      if (seal.sequence > expected) {
        const missing = range(expected, seal.sequence - 1);
        this.findings.add({
          kind: 'seal_missing',
          stream: SEAL_STREAM,
          revision: missing,
          position: at.position,
          seal: seal.sequence,
          detail: `seal ${missing} is missing from the seal chain before seal ${seal.sequence} (deleted)`,
        });
      } else if (this.last === undefined ? seal.previousSeal !== GENESIS : this.last.hash !== undefined && seal.previousSeal !== this.last.hash) {
        this.findings.add({
          kind: 'seal_missing',
          ...at,
          seal: seal.sequence,
          detail: `seal ${seal.sequence} does not follow the seal ${expected - 1} the log holds: that one was replaced`,
        });
      }
      this.last = { sequence: seal.sequence, hash: sealHash(seal), upTo: sealPosition(seal) };
      this.genuine++;
      this.latest = seal;
      return seal;
    }
  }

  /** An exported seal the log no longer holds: named, and its content still checked against the log. */
  private againstIfGone(): Seal | undefined {
    const a = this.against;
    if (!a || this.againstFound || this.againstReturned) return undefined;
    this.againstReturned = true;
    const held = this.last ? `seals up to ${this.last.sequence}` : 'no seal';
    this.findings.add({
      kind: 'seal_missing',
      stream: SEAL_STREAM,
      seal: a.sequence,
      detail: `the log holds ${held}; the exported seal ${a.sequence} is gone: the seal stream's tail was deleted or the log rolled back`,
    });
    if (!this.horizon || comparePositions(sealPosition(a), this.horizon) > 0) {
      this.findings.add({
        kind: 'log_truncated',
        position: a.upTo,
        seal: a.sequence,
        detail: `the log ends before position ${a.upTo}, which the exported seal ${a.sequence} covers: its end was deleted or it was rolled back`,
      });
      return undefined;
    }
    // Checked against the log only where it lies past the seals the log still holds (the usual case:
    // the exported seal was the latest, and the tail of the seal stream is what went missing).
    return !this.last || comparePositions(sealPosition(a), this.last.upTo) > 0 ? a : undefined;
  }

  private async pull(): Promise<RecordedEvent | undefined> {
    if (this.done) return undefined;
    this.iterator ??= this.store.readStream(SEAL_STREAM)[Symbol.asyncIterator]();
    try {
      const r = await this.iterator.next();
      if (r.done) this.done = true;
      return r.done ? undefined : r.value;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      this.done = true;
      return undefined;
    }
  }
}

function sealsSummary(
  reader: SealReader,
  trusted: readonly TrustedKey[],
  broken: boolean,
  folded: number,
  scope: 'log' | 'stream',
  against?: Seal,
): SealsSummary {
  const latest = reader.latest;
  const status: SealsSummary['status'] =
    trusted.length === 0 ? (reader.count === 0 ? 'not_configured' : 'unverifiable') : broken ? 'broken' : reader.count === 0 ? 'none' : 'verified';
  return {
    status,
    count: reader.count,
    latest: latest && { sequence: latest.sequence, upTo: latest.upTo, events: latest.events, sealedAt: latest.sealedAt, keyId: latest.keyId },
    eventsAfterLatest: scope === 'log' ? folded - (latest?.events ?? 0) : undefined,
    against: against && { sequence: against.sequence, upTo: against.upTo, found: reader.againstFound },
    scope,
  };
}

async function newestPosition(store: EventStore): Promise<Position | null> {
  for await (const e of store.readAll({ direction: 'backwards', maxCount: 1 })) return e.position;
  return null;
}

class LogVerification {
  private readonly findings = new Findings();
  private readonly chains = new ChainCheck(this.findings);
  private readonly trusted: readonly TrustedKey[];
  /** The running hash and count of the events folded so far; re-anchored at each seal. */
  private running = EMPTY_LOG_HASH;
  private count = 0;
  private events = 0;
  private lastFolded: Position | null = null;
  private sealStreamMax = -1n;
  private expectedPosition?: bigint;
  /** Each stream's revision as the seals named it last. */
  private readonly sealed = new Map<string, bigint>();
  /** Streams a seal named but the log held less of at its position: decided once the whole log is read. */
  private readonly short: Array<{ stream: string; revision: bigint; seal: number }> = [];
  private previousSealUpTo?: string;
  private findingsAtLastSeal = 0;
  private sealFailed = false;
  private furthestSeal?: Seal;

  constructor(
    private readonly store: EventStore,
    private readonly options: VerifyOptions,
  ) {
    this.trusted = options.trustedKeys ?? [];
  }

  async run() {
    const bookkeeping = this.store.bookkeeping?.();
    // Taken first, so appends made while the check runs are neither gaps nor missing.
    const dense = bookkeeping?.densePositions();
    const horizon = await newestPosition(this.store);
    const reader = new SealReader(this.store, this.trusted, this.findings, horizon, this.options.against);
    let seal = await reader.next();
    if (horizon) {
      for await (const event of this.store.readAll()) {
        if (comparePositions(event.position, horizon) > 0) break;
        this.events++;
        if (dense) this.checkDense(event.position, dense.first);
        await endOfBatch(this.events, this.options);
        if (event.stream === SEAL_STREAM) {
          if (event.revision > this.sealStreamMax) this.sealStreamMax = event.revision;
          continue; // seals are read from their stream, in order, beside the log
        }
        while (seal && comparePositions(sealPosition(seal), event.position) < 0) {
          this.checkSeal(seal);
          seal = await reader.next();
        }
        const dataJson = canonicalJson(event.data);
        const metadata = canonicalMetadata(event.metadata as Record<string, unknown>);
        this.chains.check(event, dataJson, metadata.withoutChain);
        this.running = foldEvent(this.running, event, dataJson, metadata.whole);
        this.count++;
        this.lastFolded = event.position;
      }
    }
    this.options.onProgress?.(this.events);
    while (seal) {
      this.checkSeal(seal);
      seal = await reader.next();
    }
    const furthest = this.furthestSeal;
    if (furthest && (!this.lastFolded || comparePositions(this.lastFolded, sealPosition(furthest)) < 0)) {
      const end = this.lastFolded ? `at position ${formatPosition(this.lastFolded)}` : 'before its first event';
      this.findings.add({
        kind: 'log_truncated',
        position: furthest.upTo,
        seal: furthest.sequence,
        detail: `the log ends ${end}, before position ${furthest.upTo}, which seal ${furthest.sequence} covers: its end was deleted`,
      });
    }
    this.resolveShort();
    if (dense && dense.lastAssigned !== null) {
      const next = this.expectedPosition ?? dense.first;
      if (dense.lastAssigned >= next) {
        this.findings.add({
          kind: 'position_gap',
          position: range(next, dense.lastAssigned),
          detail: `${positions(next, dense.lastAssigned)} at the end of the log ${next === dense.lastAssigned ? 'is' : 'are'} missing (deleted)`,
        });
      }
    }
    if (bookkeeping) await this.checkHeads(bookkeeping, horizon);
    const broken = this.sealFailed || this.findings.list.some((f) => f.kind === 'seal_forged' || f.kind === 'seal_missing');
    return {
      findings: this.findings,
      streams: this.chains.streams.size,
      events: this.events,
      seals: sealsSummary(reader, this.trusted, broken, this.count, 'log', this.options.against),
    };
  }

  private checkDense(position: Position, first: bigint): void {
    const expected = this.expectedPosition ?? first;
    if (position.commit > expected) {
      const missing = range(expected, position.commit - 1n);
      this.findings.add({
        kind: 'position_gap',
        position: missing,
        detail: `${positions(expected, position.commit - 1n)} ${expected === position.commit - 1n ? 'is' : 'are'} missing from the log (deleted)`,
      });
    }
    this.expectedPosition = position.commit + 1n;
  }

  /** Compares the log folded up to a seal's position with the seal. */
  private checkSeal(seal: Seal): void {
    if (this.running !== seal.runningHash || this.count !== seal.events) {
      this.sealFailed = true;
      this.diagnose(seal);
      // Carry on from the sealed state, so each later seal is checked on its own stretch of the log.
      this.running = seal.runningHash;
      this.count = seal.events;
    }
    for (const [stream, revision] of seal.heads) this.sealed.set(stream, BigInt(revision));
    this.previousSealUpTo = seal.upTo;
    this.findingsAtLastSeal = this.findings.made;
    if (!this.furthestSeal || comparePositions(sealPosition(seal), sealPosition(this.furthestSeal)) > 0) this.furthestSeal = seal;
  }

  /** Says what differs from a seal, from the streams it names; the stretch of the log when none does. */
  private diagnose(seal: Seal): void {
    // Something the chains or positions already named in this stretch of the log explains it too.
    let explained = this.findings.made > this.findingsAtLastSeal;
    for (const [stream, revisionText, hash] of seal.heads) {
      const revision = BigInt(revisionText);
      const s = this.chains.streams.get(stream);
      if (!s || s.max < revision) {
        this.short.push({ stream, revision, seal: seal.sequence });
        explained = true;
        continue;
      }
      if (s.last === revision && s.recomputed === hash) continue;
      explained = true;
      if (this.findings.about(stream)) continue; // its chain already said what changed
      const from = (this.sealed.get(stream) ?? -1n) + 1n;
      const detail =
        s.last === revision
          ? `revision ${range(from, revision)} differs from what seal ${seal.sequence} covered, though the stream's hash chain verifies: rewritten with recomputed hashes`
          : `the stream holds revisions up to ${s.max} before position ${seal.upTo}, where seal ${seal.sequence} covered it up to revision ${revision}: events were inserted or moved`;
      this.findings.add({ kind: 'rewritten', stream, revision: range(from, revision), seal: seal.sequence, detail }, `rewritten|${stream}`);
    }
    if (!explained) {
      const stretch = `${this.previousSealUpTo ? `after ${this.previousSealUpTo}` : 'from the start'} up to ${seal.upTo}`;
      this.findings.add({
        kind: this.count === seal.events ? 'reordered' : 'rewritten',
        position: `${this.previousSealUpTo ?? 'start'}..${seal.upTo}`,
        seal: seal.sequence,
        detail: `the log ${stretch} is not what seal ${seal.sequence} covered: events were moved, inserted or removed, or their ids changed`,
      });
    }
  }

  private resolveShort(): void {
    // Per stream, the furthest revision any seal named that the log no longer held at the seal's position.
    const furthest = new Map<string, { revision: bigint; seal: number }>();
    for (const entry of this.short) {
      const known = furthest.get(entry.stream);
      if (!known || entry.revision > known.revision) furthest.set(entry.stream, entry);
    }
    for (const [stream, { revision, seal }] of furthest) {
      const s = this.chains.streams.get(stream);
      if (!s) {
        this.findings.add(
          {
            kind: 'stream_deleted',
            stream,
            revision: range(0n, revision),
            seal,
            detail: `the stream is gone; seal ${seal} covered it up to revision ${revision}`,
          },
          `stream_deleted|${stream}`,
        );
      } else if (s.max >= revision) {
        if (this.chains.missing(stream, revision)) continue; // its chain already named the deletion
        this.findings.add(
          { kind: 'reordered', stream, revision: revision.toString(), seal, detail: `events seal ${seal} covered stand after its position in the log: moved` },
          `reordered|${stream}`,
        );
      } else {
        const missing = range(s.max + 1n, revision);
        this.findings.add(
          {
            kind: 'tail_deleted',
            stream,
            revision: missing,
            seal,
            detail: `the stream ends at revision ${s.max}; seal ${seal} covered it up to revision ${revision}: its tail was deleted`,
          },
          `tail_deleted|${stream}`,
        );
      }
    }
  }

  /** The store's head rows against the streams' last events (SQLite keeps both). */
  private async checkHeads(bookkeeping: StoreBookkeeping, horizon: Position | null): Promise<void> {
    const seen = new Set<string>();
    for await (const head of bookkeeping.streamHeads()) {
      seen.add(head.stream);
      const last = head.stream === SEAL_STREAM ? (this.sealStreamMax >= 0n ? this.sealStreamMax : undefined) : this.chains.streams.get(head.stream)?.max;
      if (last === undefined || head.revision > last) {
        if (await this.appendedSince(head.stream, last, horizon)) continue;
        if (last === undefined) {
          this.findings.add(
            {
              kind: 'stream_deleted',
              stream: head.stream,
              revision: range(0n, head.revision),
              detail: `the store's head row says revision ${head.revision}, but the stream has no events: deleted`,
            },
            `stream_deleted|${head.stream}`,
          );
        } else {
          const missing = range(last + 1n, head.revision);
          this.findings.add(
            {
              kind: 'tail_deleted',
              stream: head.stream,
              revision: missing,
              detail: `the store's head row says revision ${head.revision}, but the stream ends at revision ${last}: its tail was deleted`,
            },
            `tail_deleted|${head.stream}`,
          );
        }
      } else if (head.revision < last) {
        this.findings.add({
          kind: 'head_mismatch',
          stream: head.stream,
          revision: last.toString(),
          detail: `the store's head row says revision ${head.revision}, but the stream holds revision ${last}`,
        });
      }
    }
    const withEvents = [...this.chains.streams.keys(), ...(this.sealStreamMax >= 0n ? [SEAL_STREAM] : [])];
    for (const stream of withEvents) {
      if (!seen.has(stream))
        this.findings.add({ kind: 'head_mismatch', stream, detail: 'the stream has events but the store keeps no head row for it: the row was deleted' });
    }
  }

  /** Whether a stream got events after the check's horizon (a live append, not a deletion). */
  private async appendedSince(stream: string, last: bigint | undefined, horizon: Position | null): Promise<boolean> {
    try {
      for await (const e of this.store.readStream(stream, { fromRevision: last === undefined ? 'start' : last + 1n, maxCount: 1 })) {
        return !horizon || comparePositions(e.position, horizon) > 0;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return false;
  }
}

/** One stream: its chain, its head row, and its heads in the seals (the running hash needs the whole log). */
async function verifyOneStream(store: EventStore, stream: string, options: VerifyOptions) {
  const findings = new Findings();
  const chains = new ChainCheck(findings);
  const trusted = options.trustedKeys ?? [];
  const horizon = await newestPosition(store);
  const reader = new SealReader(store, trusted, findings, horizon, options.against);
  let events = 0;
  if (stream === SEAL_STREAM) {
    while (await reader.next()) events++;
    return { findings, streams: 1, events: reader.count, seals: sealsSummary(reader, trusted, findings.list.length > 0, 0, 'stream', options.against) };
  }
  const hashes = new Map<bigint, string>();
  let found = true;
  try {
    for await (const event of store.readStream(stream)) {
      events++;
      hashes.set(event.revision, chains.check(event, canonicalJson(event.data), canonicalMetadata(event.metadata as Record<string, unknown>).withoutChain));
      await endOfBatch(events, options);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
    found = false;
  }
  const state = chains.streams.get(stream);
  const head = store.bookkeeping?.()?.streamHead(stream);
  if (head !== undefined && state && head > state.max) {
    findings.add(
      {
        kind: 'tail_deleted',
        stream,
        revision: range(state.max + 1n, head),
        detail: `the store's head row says revision ${head}, but the stream ends at revision ${state.max}: its tail was deleted`,
      },
      `tail_deleted|${stream}`,
    );
  } else if (head !== undefined && !state) {
    findings.add(
      {
        kind: 'stream_deleted',
        stream,
        revision: range(0n, head),
        detail: `the store's head row says revision ${head}, but the stream has no events: deleted`,
      },
      `stream_deleted|${stream}`,
    );
  }
  let sealedBefore = -1n;
  let furthest: { revision: bigint; seal: number } | undefined;
  for (let seal = await reader.next(); seal; seal = await reader.next()) {
    for (const [name, revisionText, hash] of seal.heads) {
      if (name !== stream) continue;
      const revision = BigInt(revisionText);
      if (!furthest || revision > furthest.revision) furthest = { revision, seal: seal.sequence };
      if (state && state.max >= revision && hashes.get(revision) !== hash && !findings.about(stream)) {
        const at = range(sealedBefore + 1n, revision);
        findings.add(
          {
            kind: 'rewritten',
            stream,
            revision: at,
            seal: seal.sequence,
            detail: `revision ${at} differs from what seal ${seal.sequence} covered, though the stream's hash chain verifies: rewritten with recomputed hashes`,
          },
          `rewritten|${stream}`,
        );
      }
      sealedBefore = revision;
    }
  }
  if (furthest && !state) {
    findings.add(
      {
        kind: 'stream_deleted',
        stream,
        revision: range(0n, furthest.revision),
        seal: furthest.seal,
        detail: `the stream is gone; seal ${furthest.seal} covered it up to revision ${furthest.revision}`,
      },
      `stream_deleted|${stream}`,
    );
  } else if (furthest && state && state.max < furthest.revision && !chains.missing(stream, furthest.revision)) {
    const missing = range(state.max + 1n, furthest.revision);
    findings.add(
      {
        kind: 'tail_deleted',
        stream,
        revision: missing,
        seal: furthest.seal,
        detail: `the stream ends at revision ${state.max}; seal ${furthest.seal} covered it up to revision ${furthest.revision}: its tail was deleted`,
      },
      `tail_deleted|${stream}`,
    );
  }
  const broken = findings.list.some((f) => f.seal !== undefined || f.kind.startsWith('seal_'));
  if (!found && findings.list.length === 0) throw new StreamNotFoundError(stream);
  options.onProgress?.(events);
  return { findings, streams: state ? 1 : 0, events, seals: sealsSummary(reader, trusted, broken, 0, 'stream', options.against) };
}
