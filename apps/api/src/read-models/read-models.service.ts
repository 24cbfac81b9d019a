import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { parsePosition } from '@app/event-store';
import { ProjectionEngine, ReadModelDb } from '@app/projections';

/** How long a query waits for the read models to reach its minPosition before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/**
 * What query handlers use: the live table names, and read-your-writes. A query that carries
 * minPosition (a command's position) waits, bounded, until the read models it reads have passed it.
 */
@Injectable()
export class ReadModels {
  constructor(
    readonly db: ReadModelDb,
    private readonly engine: ProjectionEngine,
  ) {}

  async ready(projections: readonly string[], minPosition?: string): Promise<void> {
    const position = minPosition ? parsePosition(minPosition) : undefined;
    const ok = position
      ? await this.engine.waitFor(projections, position, READ_YOUR_WRITES_TIMEOUT_MS)
      : await this.waitServing(projections);
    if (!ok) throw new ServiceUnavailableException('The read models are catching up; try again shortly');
  }

  private async waitServing(projections: readonly string[]): Promise<boolean> {
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    while (!projections.every((p) => this.engine.serving(p))) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  table(projection: string, table: string): string {
    return `"${this.db.table(projection, table)}"`;
  }
}
