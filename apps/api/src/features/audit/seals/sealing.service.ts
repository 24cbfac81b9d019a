import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { RUN_BACKGROUND } from '../../../platform/config/run-background';
import { LogSealer, SealerStatus } from './log-sealer';

export type SealingStatus = { readonly status: 'off'; readonly reason: string } | ({ readonly status: SealerStatus['state'] } & Omit<SealerStatus, 'state'>);

const OFF_REASON =
  'no signing key is configured (SEAL_KEY_FILE or SEAL_PRIVATE_KEY): the log is not sealed, so a deleted tail or a rewrite with recomputed hashes cannot be detected';

/**
 * Runs the log sealer in a serving process when a signing key is configured. Without one (the embedded
 * default) nothing is sealed, and health and audit:verify say so. It seals on the active worker only
 * (ActiveWorker starts and stops it); two sealers at once would still be safe (see LogSealer).
 */
@Injectable()
export class SealingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sealing');
  readonly sealer?: LogSealer;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_BACKGROUND) private readonly background: boolean,
  ) {
    const key = config.seal.signingKey;
    if (key) {
      this.sealer = new LogSealer({
        store,
        key,
        trustedKeys: config.seal.trustedKeys,
        intervalMs: config.seal.intervalSeconds * 1000,
        logger: { log: (m: string) => this.logger.log(m), warn: (m: string) => this.logger.warn(m), error: (m: string) => this.logger.error(m) },
      });
    }
  }

  onApplicationBootstrap(): void {
    if (this.background && !this.sealer) this.logger.warn(`Log sealing is off: ${OFF_REASON}`);
  }

  /** Sealing on the active worker (see ActiveWorker): one sealer among all instances. */
  startWork(): void {
    if (!this.background || !this.sealer) return;
    this.logger.log(`Sealing the log every ${this.config.seal.intervalSeconds} s with key ${this.sealer.status().keyId}`);
    this.start();
  }

  start(): void {
    this.sealer?.start();
  }

  stop(): Promise<void> {
    return this.sealer?.stop() ?? Promise.resolve();
  }

  status(): SealingStatus {
    if (!this.sealer) return { status: 'off', reason: OFF_REASON };
    const { state, ...rest } = this.sealer.status();
    return { status: state, ...rest };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
