import type { PersonName } from '../api/types';

/** A person's full name; a dash once they are forgotten (the API then answers the name as null). */
export const fullName = (name: PersonName | null | undefined): string => (name ? `${name.givenName} ${name.familyName}` : '—');
