import type { Facility } from '../../api/types';

/** Facilities as the choices of a form field that names them (a role's facilities). */
export const facilityChoices = (facilities: readonly Facility[] | undefined) =>
  (facilities ?? []).map((f) => ({ value: f.facilityId, label: `${f.name} (${f.municipality})` }));

/** The names of the facilities with these ids, for a list (an unknown id is shown as it is). */
export const facilityNames = (ids: readonly string[], facilities: readonly Facility[] | undefined): string =>
  ids.map((id) => facilities?.find((f) => f.facilityId === id)?.name ?? id).join(', ');
