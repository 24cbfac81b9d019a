import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RUN_BACKGROUND } from '../../users/setup.service';
import { LogSealer, SealerStatus } from './log-sealer';

export type SealingStatus = ({ readonly status: 'off'; readonly reason: string }) | ({ readonly status: SealerStatus['state'] } & Omit<SealerStatus, 'state'>);

const OFF_REASON = 'no signing key is configured (SEAL_KEY_FILE or SEAL_PRIVATE_KEY): the log is not sealed, so a deleted tail or a rewrite with recomputed hashes cannot be detected';

/**
 * Runs the log sealer in a serving process when a signing key is configured. Without one (the embedded
 * default) nothing is sealed, and health and audit:verify say so. `start`/`stop` are the seam for a
 * mechanism that keeps one active worker among several instances; until one exists every serving
 * instance seals, which is safe (see LogSealer).
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
    if (!this.background) return;
    if (!this.sealer) return void this.logger.warn(`Log sealing is off: ${OFF_REASON}`);
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
