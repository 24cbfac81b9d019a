import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, formatPosition, parsePosition, Position, Subscription } from '@app/event-store';
import { ProjectionEngine, ReadModelDb } from '@app/projections';
import { ForgetIncompleteError, KEY_STORE, KeyStore } from './crypto/key-store.port';
import { StreamReader } from './streams/stream-reader';

/**
 * Makes a forget on any instance hold on this one, through two paths:
 *
 * - the key store's notification (PostgreSQL LISTEN/NOTIFY: at the forget's commit), and
 * - the PersonForgotten event in the log, which reaches every instance on any store.
 *
 * Either way this instance drops the person's key from its cache, remembers them as forgotten, and
 * drops every folded state (CommandRunner), which may hold their decrypted data; once the read models
 * have applied the event, their WAL is folded away. The event path also re-applies the forget to the
 * key store when it does not know it yet (a key store restored from a backup older than the forget):
 * it follows the log from a checkpoint kept in the key store itself, so a restore brings back an older
 * checkpoint and every forget since then is applied again.
 */
@Injectable()
export class ForgottenPeopleFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ForgottenPeople');
  private subscription?: Subscription;
  private stopped = false;
  private done?: Promise<void>;
  private wake?: () => void;
  private savedPosition?: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly streams: StreamReader,
    private readonly projections: ProjectionEngine,
    private readonly readModels: ReadModelDb,
  ) {}

  onApplicationBootstrap(): void {
    this.keys.onForgotten((personId) => this.evict(personId));
    this.done = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.unsubscribe();
    await this.done;
  }

  /** Nothing of the person stays in this process's memory (no id: anyone may have been forgotten). */
  private evict(personId?: string): void {
    if (personId) this.keys.evict(personId);
    this.streams.forgetFoldedStates();
  }

  private async run(): Promise<void> {
    let delayMs = 100;
    while (!this.stopped) {
      try {
        await this.follow();
        return;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`Following forgotten people paused (${error instanceof Error ? error.name : 'error'}); retrying in ${delayMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }

  private checkpointSavedAt = 0;

  private async follow(): Promise<void> {
    const checkpoint = await this.keys.forgottenCheckpoint();
    this.savedPosition = checkpoint;
    const from = checkpoint ? parsePosition(checkpoint) : undefined;
    this.subscription = this.store.subscribeToAll({
      fromPosition: from && from.commit >= 0n ? from : 'start',
      filter: { on: 'eventType', regex: '^PersonForgotten$' },
    });
    if (this.stopped) await this.subscription.unsubscribe();
    for await (const message of this.subscription) {
      if (message.kind === 'caughtUp') {
        await this.save(message.position);
        continue;
      }
      if (message.kind === 'checkpoint') {
        // The filter matches rarely: keep the store's word for how far the log was read (at most once
        // a second), so a restart does not scan again from the last forget.
        if (Date.now() - this.checkpointSavedAt >= 1_000) {
          this.checkpointSavedAt = Date.now();
          await this.save(message.position);
        }
        continue;
      }
      const { event } = message;
      const personId = (event.data as { personId?: unknown }).personId;
      if (typeof personId !== 'string') continue;
      this.evict(personId);
      if (!(await this.keys.isForgotten(personId))) await this.reapply(personId, event.created);
      this.compactWhenApplied(event.position);
      await this.save(event.position);
    }
  }

  private async reapply(personId: string, at: Date): Promise<void> {
    try {
      await this.keys.forget(personId, at);
      this.logger.warn(`Re-applied a forget from the log to the key store (person ${personId}): it did not know it (restored from a backup?)`);
    } catch (error) {
      // The key is deleted; only the proof that no copy is left on disk is missing. The forget's own
      // caller gets the 503 and retries; here the deletion is what matters.
      if (!(error instanceof ForgetIncompleteError)) throw error;
    }
  }

  private compactWhenApplied(position: Position): void {
    void this.projections
      .waitFor(
        this.projections.projections.map((p) => p.name),
        position,
        10_000,
      )
      .then(() => this.readModels.compact())
      .catch(() => undefined);
  }

  private async save(position: Position): Promise<void> {
    if (position.commit < 0n) return; // "before the first event": nothing to keep
    const formatted = formatPosition(position);
    if (formatted === this.savedPosition) return;
    await this.keys.saveForgottenCheckpoint(formatted);
    this.savedPosition = formatted;
  }
}
