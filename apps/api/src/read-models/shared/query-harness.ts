import type { ProjectionEngine, projectionSpec } from '@app/projections';
import { Clock } from '../../platform/clock';
import { ReadModels } from '../read-models.service';

/** The read models of a projection spec behind the real query port, always ready (test support: specs only). */
export function readModelsOf(spec: ReturnType<typeof projectionSpec>): ReadModels {
  const alwaysServing = { serving: () => true, waitFor: async () => true } as unknown as ProjectionEngine;
  return new ReadModels(spec.db, alwaysServing);
}

/**
 * Test support for query handlers (used by specs only): the read models of a projection spec, always
 * ready, and a clock fixed at noon on `today`, so a handler can be run on rows the spec produced.
 */
export function queryHarness(spec: ReturnType<typeof projectionSpec>, today: string): { readModels: ReadModels; clock: Clock } {
  class FixedClock extends Clock {
    now(): Date {
      return new Date(`${today}T12:00:00.000Z`);
    }
  }
  return { readModels: readModelsOf(spec), clock: new FixedClock() };
}
