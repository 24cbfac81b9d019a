import type { projectionSpec } from '@app/projections';
import { Clock } from '../../platform/clock';
import type { ReadModels } from '../read-models.service';

/**
 * Test support for query handlers (used by specs only): the read models of a projection spec, always
 * ready, and a clock fixed at noon on `today`, so a handler can be run on rows the spec produced.
 */
export function queryHarness(spec: ReturnType<typeof projectionSpec>, today: string): { readModels: ReadModels; clock: Clock } {
  const readModels = {
    db: spec.db,
    ready: async () => undefined,
    table: (projection: string, table: string) => `"${spec.db.table(projection, table)}"`,
  } as unknown as ReadModels;
  class FixedClock extends Clock {
    now(): Date {
      return new Date(`${today}T12:00:00.000Z`);
    }
  }
  return { readModels, clock: new FixedClock() };
}
