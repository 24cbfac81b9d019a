import type { ProjectionEngine, projectionSpec } from '@app/projections';
import { Clock } from '../../platform/clock';
import { ReadModels } from '../read-models.service';
import { casesProjection } from '../cases/cases.projection';

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

/**
 * The cases read model beside a spec's own, holding only these people's names: for a listing that
 * names each row's person from cases_people (the dashboards). Everyone else reads as unnamed.
 */
export function withPeople(spec: ReturnType<typeof projectionSpec>, people: Record<string, { givenName: string; familyName: string }>) {
  const registered = Object.entries(people).map(([personId, name]) =>
    spec.event('PersonRegistered', { personId, ...name, birthDate: '1980-01-01', gender: 'unknown' }, { stream: `person-${personId}` }),
  );
  return spec.alongside(casesProjection, ...registered);
}
