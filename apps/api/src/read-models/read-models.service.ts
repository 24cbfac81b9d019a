import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { parsePosition } from '@app/event-store';
import { ProjectionEngine, ReadModelDb } from '@app/projections';

/** What a query reads with: the rows, or the first row, for the given placeholders' values. */
export interface ReadStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

/** Statements kept at most; more (queries built with varying IN lists) start the cache again. */
const MAX_STATEMENTS = 500;

/** How long a query waits for the read models to reach its minPosition before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/**
 * What query handlers use: the live table names, and read-your-writes. A query that carries
 * minPosition (a command's position) waits, bounded, until the read models it reads have passed it.
 */
@Injectable()
export class ReadModels {
  constructor(
    private readonly db: ReadModelDb,
    private readonly engine: ProjectionEngine,
  ) {}

  private readonly statements = new Map<string, ReadStatement>();

  /**
   * The query port: a read-only statement over the live tables, prepared once and kept (queries are
   * few and their text fixed, placeholders apart). A statement that would write is refused: the
   * projections are the only writers.
   */
  statement(sql: string, options: { safeIntegers?: boolean } = {}): ReadStatement {
    const key = `${options.safeIntegers ? 'i' : 'n'}:${sql}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const prepared = this.db.db.prepare(sql);
      if (!prepared.reader) throw new Error('A read-model query must not write');
      if (options.safeIntegers) prepared.safeIntegers(true);
      statement = { all: (...params) => prepared.all(...params), get: (...params) => prepared.get(...params) };
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(key, statement);
    }
    return statement;
  }

  async ready(projections: readonly string[], minPosition?: string): Promise<void> {
    const position = minPosition ? parsePosition(minPosition) : undefined;
    const ok = position ? await this.engine.waitFor(projections, position, READ_YOUR_WRITES_TIMEOUT_MS) : await this.waitServing(projections);
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
