import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, StoreUnavailableError, StreamNotFoundError } from '@app/event-store';
import { Clock } from '../../../platform/clock';
import type { TrustedKey } from '../../../platform/crypto/seal-keys';
import { VerificationReport, verifyLog } from '../log-verifier';
import { Seal, sealHash } from '../seals/seal';
import { eventsToCheck } from './events-to-check';

/** Why a job failed, a stable code: no reason in words, so nothing from the store's errors reaches a user. */
export type VerificationFailure = 'stream_not_found' | 'store_unavailable' | 'stopped' | 'error';

export interface VerificationJob {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  /** One stream; the whole log when absent. */
  readonly stream?: string;
  /** The sequence of the exported seal the log is checked against, if one was given. */
  readonly againstSeal?: number;
  readonly eventsChecked: number;
  /** Events to check, known when the job began (the head position, or the stream's length); null when the store cannot tell. */
  readonly total: number | null;
  readonly percent: number | null;
  readonly eventsPerSecond: number;
  readonly secondsLeft: number | null;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly startedBy: { readonly userId: string; readonly username: string };
  readonly report?: VerificationReport;
  readonly failure?: VerificationFailure;
}

export interface VerificationRequest {
  readonly stream?: string;
  readonly trustedKeys: readonly TrustedKey[];
  readonly against?: Seal;
  readonly startedBy: { readonly userId: string; readonly username: string };
}

/** Finished jobs are kept this long and at most this many, for the page that polls them to read the result. */
export const KEEP_FINISHED_MS = 60 * 60 * 1000;
export const KEEP_FINISHED = 20;

interface Entry {
  job: { -readonly [K in keyof VerificationJob]: VerificationJob[K] };
  readonly scope: string;
  readonly started: number;
  finished?: number;
  readonly abort: AbortController;
  settled?: Promise<void>;
}

/**
 * Chain verification as jobs that run in this process beside the requests (the verifier yields to the
 * event loop between batches), at most one per scope (the whole log or one stream, and the exported
 * seal checked against). Jobs live in memory only: a restart loses them, running or finished, and a
 * poll then answers 404 (the page says to start again). With several instances, a poll must reach
 * the one that started the job.
 */
@Injectable()
export class VerificationJobs implements OnApplicationShutdown {
  private readonly logger = new Logger('Verification');
  private readonly entries = new Map<string, Entry>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts a job, or answers the one already running in the same scope (`started` false). The job is
   * registered before anything is awaited, so two starts at once make one job; the answer waits only
   * for the total, so that the first view of the job can show a percent.
   */
  async start(request: VerificationRequest): Promise<{ job: VerificationJob; started: boolean }> {
    this.prune();
    const scope = `${request.stream ?? '*'}|${request.against ? sealHash(request.against) : ''}`;
    const running = [...this.entries.values()].find((e) => e.scope === scope && e.job.state === 'running');
    if (running) return { job: this.view(running), started: false };
    const started = this.clock.now();
    const entry: Entry = {
      scope,
      started: started.getTime(),
      abort: new AbortController(),
      job: {
        id: randomUUID(),
        state: 'running',
        stream: request.stream,
        againstSeal: request.against?.sequence,
        eventsChecked: 0,
        total: null,
        percent: null,
        eventsPerSecond: 0,
        secondsLeft: null,
        startedAt: started.toISOString(),
        startedBy: { userId: request.startedBy.userId, username: request.startedBy.username },
      },
    };
    this.entries.set(entry.job.id, entry);
    const counted = eventsToCheck(this.store, request.stream);
    entry.settled = this.run(entry, request, counted);
    await counted.catch(() => undefined); // a failure is the job's, reported when polled
    return { job: this.view(entry), started: true };
  }

  get(id: string): VerificationJob | undefined {
    this.prune();
    const entry = this.entries.get(id);
    return entry && this.view(entry);
  }

  /** The job once it has finished (done or failed). */
  async finished(id: string): Promise<VerificationJob | undefined> {
    await this.entries.get(id)?.settled;
    return this.get(id);
  }

  /** Stops running jobs at their next batch, before the store closes under them. */
  async onApplicationShutdown(): Promise<void> {
    const running = [...this.entries.values()].filter((e) => e.job.state === 'running');
    for (const entry of running) entry.abort.abort();
    await Promise.allSettled(running.map((e) => e.settled));
  }

  private async run(entry: Entry, request: VerificationRequest, counted: Promise<number | null>): Promise<void> {
    const { job } = entry;
    try {
      job.total = await counted;
      const report = await verifyLog(this.store, {
        stream: request.stream,
        trustedKeys: request.trustedKeys,
        against: request.against,
        signal: entry.abort.signal,
        onProgress: (events) => (job.eventsChecked = events),
      });
      Object.assign(job, { state: 'done', report, eventsChecked: report.events, eventsPerSecond: report.eventsPerSecond });
    } catch (error) {
      job.state = 'failed';
      job.failure = failureOf(error, entry.abort.signal);
      // The error's name only: a message can carry a stream name, and a stream name can be personal.
      const name = (error as { name?: unknown } | undefined)?.name;
      const line = `Verification job ${job.id} failed (${job.failure}): ${typeof name === 'string' ? name : typeof error}`;
      if (job.failure === 'stopped') this.logger.log(line);
      else this.logger.warn(line);
    }
    job.finishedAt = this.clock.now().toISOString();
    entry.finished = this.clock.now().getTime();
  }

  /** The job as it stands, with its rate, percent and time left worked out from the clock. */
  private view(entry: Entry): VerificationJob {
    const { job } = entry;
    if (job.state !== 'running') return { ...job, percent: job.state === 'done' ? 100 : job.percent, secondsLeft: job.state === 'done' ? 0 : null };
    const seconds = (this.clock.now().getTime() - entry.started) / 1000;
    const rate = seconds > 0 ? Math.round(job.eventsChecked / seconds) : 0;
    const total = job.total;
    // Never 100 while running: what is left after the last event (seals, head rows) takes time too.
    const percent = total ? Math.min(99, Math.floor((job.eventsChecked * 100) / total)) : null;
    const secondsLeft = total && rate > 0 ? Math.max(0, Math.round((total - job.eventsChecked) / rate)) : null;
    return { ...job, eventsPerSecond: rate, percent, secondsLeft };
  }

  /** Drops finished jobs past KEEP_FINISHED_MS, and the oldest beyond KEEP_FINISHED. */
  private prune(): void {
    const now = this.clock.now().getTime();
    const finished = [...this.entries.values()].filter((e) => e.finished !== undefined).sort((a, b) => b.finished! - a.finished!);
    finished.forEach((e, i) => {
      if (i >= KEEP_FINISHED || now - e.finished! > KEEP_FINISHED_MS) this.entries.delete(e.job.id);
    });
  }
}

function failureOf(error: unknown, signal: AbortSignal): VerificationFailure {
  if (signal.aborted) return 'stopped';
  if (error instanceof StreamNotFoundError) return 'stream_not_found';
  if (error instanceof StoreUnavailableError) return 'store_unavailable';
  return 'error';
}
