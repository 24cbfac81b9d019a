import type { projectionSpec } from '@app/projections';
import { casesProjection } from './cases.projection';

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
