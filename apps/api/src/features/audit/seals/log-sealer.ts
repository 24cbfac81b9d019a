import { randomUUID } from 'node:crypto';
import { comparePositions, EventStore, formatPosition, Position, RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@app/event-store';
import { WakeableSleep } from '@app/event-store/wakeable-sleep';
import { chainOf, GENESIS } from '../../../platform/streams/hash-chain';
import { SigningKey, TrustedKey } from '../../../platform/crypto/seal-keys';
import {
  checkSignature,
  EMPTY_LOG_HASH,
  foldEvent,
  parseSeal,
  Seal,
  SEAL_EVENT_TYPE,
  SEAL_FORMAT,
  SEAL_STREAM,
  sealData,
  sealHash,
  sealPosition,
  signSeal,
} from './seal';

export interface LogSealerOptions {
  readonly store: EventStore;
  readonly key: SigningKey;
  /** Keys whose seals this sealer continues from: its own, and earlier ones after a key rotation. */
  readonly trustedKeys: readonly TrustedKey[];
  readonly intervalMs: number;
  readonly clock?: () => Date;
  readonly logger?: Pick<Console, 'log' | 'warn' | 'error'>;
}

export type SealerState = 'stopped' | 'running' | 'failing' | 'halted';

export interface SealerStatus {
  readonly state: SealerState;
  readonly keyId: string;
  readonly intervalSeconds: number;
  readonly lastSeal?: { readonly sequence: number; readonly upTo: string; readonly events: number; readonly sealedAt: string };
  /** Events folded since the last seal: signed with the next one. */
  readonly unsealedEvents: number;
  /** Why it is failing or halted (no personal data: error classes and seal numbers). */
  readonly reason?: string;
}

/** Refused to go on: continuing would sign on top of something it cannot trust. */
export class SealingHalted extends Error {
  override readonly name = 'SealingHalted';
}

/** How often new events are folded in between seals: folded events are covered by the next seal even if the file is changed meanwhile. */
const FOLD_EVERY_MS = 1000;
/** A seal names at most this many streams; more touched streams seal early. */
const MAX_HEADS = 1000;
/** A long catch-up (a first start on a big log) seals on the way, so a restart need not fold it all again. */
const MAX_UNSEALED = 50_000;
const MAX_BACKOFF_MS = 30_000;
const YIELD_EVERY = 2000;
const CONFLICT_ATTEMPTS = 5;

interface Folded {
  upTo: Position | null;
  events: number;
  running: string;
}

interface SealChain {
  /** The sequence the next seal gets. */
  next: number;
  previousHash: string;
  revision: bigint | 'no_stream';
  last?: Seal;
}

/**
 * Folds $all in log order into a running hash and appends Ed25519-signed seals of it to SEAL_STREAM,
 * every interval (when anything new was folded) and when stopped. A component with start/stop, so a
 * mechanism that keeps one active worker among several instances can run it; two running at once is
 * safe: each seal is appended at the seal stream's expected revision, and the one that loses the race
 * continues from the winner's seal instead of forking the seal chain.
 *
 * Its checkpoint is the latest seal itself: signed, so unlike a file in DATA_DIR it cannot be edited to
 * make the sealer continue from a rewritten log. A restart folds again only what came after it.
 */
export class LogSealer {
  private folded: Folded = { upTo: null, events: 0, running: EMPTY_LOG_HASH };
  private chain: SealChain = { next: 0, previousHash: GENESIS, revision: 'no_stream' };
  /** Each stream's last event folded since the last seal: [revision, chain hash as stored]. */
  private touched = new Map<string, [bigint, string]>();
  private resumed = false;
  /** The highest seal sequence this instance appended: a log that no longer holds it lost seals. */
  private appendedUpTo = -1;
  private state: SealerState = 'stopped';
  private reason?: string;
  private loop?: Promise<void>;
  private stopping = false;
  private readonly sleeper = new WakeableSleep();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: () => Date;
  private readonly logger: Pick<Console, 'log' | 'warn' | 'error'>;

  constructor(private readonly options: LogSealerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? console;
  }

  /** Starts folding and sealing in the background; does nothing when already running. */
  start(): void {
    if (this.loop || this.state === 'halted') return;
    this.stopping = false;
    this.resumed = false; // another instance may have sealed while this one was stopped
    this.state = 'running';
    this.reason = undefined;
    this.loop = this.run();
  }

  /** Seals what was folded and stops. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.sleeper.wakeUp();
    await this.loop;
    this.loop = undefined;
    if (this.state !== 'halted') this.state = 'stopped';
  }

  /** Folds everything appended so far and seals it now (nothing when nothing new was appended). */
  sealNow(): Promise<Seal | undefined> {
    return this.serial(() => this.catchUp(true));
  }

  status(): SealerStatus {
    const last = this.chain.last;
    return {
      state: this.state,
      keyId: this.options.key.keyId,
      intervalSeconds: this.options.intervalMs / 1000,
      lastSeal: last && { sequence: last.sequence, upTo: last.upTo, events: last.events, sealedAt: last.sealedAt },
      unsealedEvents: this.folded.events - (last?.events ?? 0),
      reason: this.reason,
    };
  }

  private async run(): Promise<void> {
    let nextSealAt = this.clock().getTime() + this.options.intervalMs;
    let failures = 0;
    while (!this.stopping && this.state !== 'halted') {
      try {
        const due = this.clock().getTime() >= nextSealAt;
        await this.serial(() => this.catchUp(due));
        if (due) nextSealAt = this.clock().getTime() + this.options.intervalMs;
        failures = 0;
        this.state = 'running';
        this.reason = undefined;
      } catch (error) {
        if (error instanceof SealingHalted) break;
        failures++;
        this.state = 'failing';
        this.reason = `${(error as Error).name} while sealing; retrying`;
        if (failures === 1 || failures % 20 === 0) this.logger.warn(`Log sealing failed (${(error as Error).name}, attempt ${failures}); retrying`);
      }
      const untilSeal = nextSealAt - this.clock().getTime();
      const wait = failures > 0 ? Math.min(FOLD_EVERY_MS * 2 ** Math.min(failures, 5), MAX_BACKOFF_MS) : Math.min(FOLD_EVERY_MS, Math.max(untilSeal, 1));
      if (!this.stopping) await this.sleeper.sleep(wait);
    }
    if (this.state === 'halted') return;
    // The last seal: everything appended before the stop (the HTTP server is closed by then).
    try {
      await this.serial(() => this.catchUp(true));
    } catch (error) {
      this.logger.warn(`The seal at shutdown failed (${(error as Error).name}); the next start seals from the last seal`);
    }
  }

  /** Runs fold-and-seal steps one at a time, whether from the loop or from sealNow. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step, step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Folds what was appended since the last fold; seals when asked, or when the unsealed part grew big. */
  private async catchUp(seal: boolean): Promise<Seal | undefined> {
    if (this.state === 'halted') throw new SealingHalted(this.reason);
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.resumed) await this.resume();
        let last: Seal | undefined;
        for await (const event of this.unfolded()) {
          this.fold(event);
          if (this.touched.size >= MAX_HEADS || this.unsealed() >= MAX_UNSEALED) last = await this.appendSeal();
        }
        if (seal && this.unsealed() > 0) last = await this.appendSeal();
        return last;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= CONFLICT_ATTEMPTS) throw error;
        // Another instance sealed first: continue from its seal, never beside it.
        this.logger.log('Another instance appended a seal first; continuing from its seal');
        this.resumed = false;
      }
    }
  }

  private async *unfolded(): AsyncIterable<RecordedEvent> {
    const from = this.folded.upTo;
    let read = 0;
    for await (const event of this.options.store.readAll(from ? { fromPosition: from } : {})) {
      // A first fold of a big log runs in a serving process: let requests in between pages.
      if (++read % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (from && comparePositions(event.position, from) <= 0) continue; // reads from a position include it
      if (event.stream === SEAL_STREAM) continue;
      yield event;
    }
  }

  private fold(event: RecordedEvent): void {
    this.folded = { upTo: event.position, events: this.folded.events + 1, running: foldEvent(this.folded.running, event) };
    this.touched.set(event.stream, [event.revision, chainOf(event.metadata)?.hash ?? GENESIS]);
  }

  private unsealed(): number {
    return this.folded.events - (this.chain.last?.events ?? 0);
  }

  private async appendSeal(): Promise<Seal> {
    const sealedAt = this.clock().toISOString();
    const key = this.options.key;
    const heads = [...this.touched]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([stream, [revision, hash]]) => [stream, revision.toString(), hash] as const);
    const seal = signSeal(
      {
        format: SEAL_FORMAT,
        sequence: this.chain.next,
        upTo: formatPosition(this.folded.upTo!),
        events: this.folded.events,
        runningHash: this.folded.running,
        previousSeal: this.chain.previousHash,
        sealedAt,
        keyId: key.keyId,
        heads,
      },
      key,
    );
    const id = randomUUID();
    const metadata = {
      schemaVersion: 1,
      commandId: id,
      commandType: 'SealLog',
      correlationId: id,
      causationId: id,
      actorId: 'system',
      actorRole: 'system',
      recordedAt: sealedAt,
    };
    const result = await this.options.store.appendToStream(SEAL_STREAM, [{ id, type: SEAL_EVENT_TYPE, data: sealData(seal), metadata }], {
      expectedRevision: this.chain.revision,
    });
    this.chain = { next: seal.sequence + 1, previousHash: sealHash(seal), revision: result.nextExpectedRevision, last: seal };
    this.appendedUpTo = seal.sequence;
    this.touched.clear();
    return seal;
  }

  /** Continues from the latest seal in the log, once its signature shows it is one of ours. */
  private async resume(): Promise<void> {
    let latest: RecordedEvent | undefined;
    try {
      for await (const e of this.options.store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 })) latest = e;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    this.touched.clear();
    if (!latest) {
      if (this.appendedUpTo >= 0) this.halt(`the seal stream no longer holds seal ${this.appendedUpTo}, which this instance appended`);
      this.folded = { upTo: null, events: 0, running: EMPTY_LOG_HASH };
      this.chain = { next: 0, previousHash: GENESIS, revision: 'no_stream' };
      this.resumed = true;
      return;
    }
    const seal = parseSeal(latest.data);
    if (!seal) return this.halt(`event ${latest.revision} of the seal stream is not a seal`);
    if (BigInt(seal.sequence) !== latest.revision)
      return this.halt(`seal ${seal.sequence} stands at revision ${latest.revision} of the seal stream: seals were removed or moved`);
    const signature = checkSignature(seal, this.options.trustedKeys);
    if (signature === 'unknown_key') return this.halt(`the latest seal (${seal.sequence}) is signed by key ${seal.keyId}, which this instance does not trust`);
    if (signature !== 'ok') return this.halt(`the latest seal (${seal.sequence}) does not verify: it is forged or damaged`);
    if (seal.sequence < this.appendedUpTo)
      return this.halt(`the seal stream ends at seal ${seal.sequence}, but this instance appended seal ${this.appendedUpTo}`);
    this.folded = { upTo: sealPosition(seal), events: seal.events, running: seal.runningHash };
    this.chain = { next: seal.sequence + 1, previousHash: sealHash(seal), revision: latest.revision, last: seal };
    this.resumed = true;
  }

  private halt(reason: string): never {
    this.state = 'halted';
    this.reason = `${reason}; run audit:verify`;
    this.logger.error(`Log sealing halted: ${this.reason}`);
    throw new SealingHalted(this.reason);
  }
}
