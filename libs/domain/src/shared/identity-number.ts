import { IsoDate, isIsoDate } from './dates';

/**
 * Norwegian national identity numbers (fødselsnummer) and D-numbers: 11 digits, DDMMYY + a 3-digit
 * individual number + two check digits (modulus 11). A D-number adds 4 to the first digit of the day.
 * The individual number tells the century of birth.
 */
export type IdentityNumberKind = 'national_id' | 'd_number';

export interface ParsedIdentityNumber {
  readonly kind: IdentityNumberKind;
  readonly birthDate: IsoDate;
}

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  if (rest === 10) return undefined; // no valid number has this sequence
  return rest;
}

/** Both check digits, for generating test data and for validation. */
export function checkDigitsFor(first9: string): string | undefined {
  const digits = [...first9].map(Number);
  const k1 = checkDigit(digits, K1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...digits, k1], K2);
  if (k2 === undefined) return undefined;
  return `${k1}${k2}`;
}

function century(yy: number, individual: number): number | undefined {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (individual >= 900 && yy >= 40) return 1900;
  if (yy <= 39) return 2000;
  return undefined;
}

/** Parses and validates; returns undefined for anything that is not a valid number. */
export function parseIdentityNumber(value: unknown): ParsedIdentityNumber | undefined {
  if (typeof value !== 'string' || !/^\d{11}$/.test(value)) return undefined;
  if (checkDigitsFor(value.slice(0, 9)) !== value.slice(9)) return undefined;
  let day = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const yy = Number(value.slice(4, 6));
  const kind: IdentityNumberKind = day > 40 ? 'd_number' : 'national_id';
  if (kind === 'd_number') day -= 40;
  const base = century(yy, Number(value.slice(6, 9)));
  if (base === undefined) return undefined;
  const birthDate = `${base + yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(birthDate) ? { kind, birthDate } : undefined;
}

export function isValidIdentityNumber(value: unknown): value is string {
  return parseIdentityNumber(value) !== undefined;
}

/**
 * Makes a valid number for a birth date, for demo data and tests (never for real people): tries
 * individual numbers from `seed` on until the check digits work out and the century matches.
 */
export function synthesizeIdentityNumber(birthDate: IsoDate, seed = 0, kind: IdentityNumberKind = 'national_id'): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const day = kind === 'd_number' ? d + 40 : d;
  const ddmmyy = `${String(day).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}`;
  for (let i = 0; i < 1000; i++) {
    const individual = String((seed + i) % 1000).padStart(3, '0');
    const candidate = ddmmyy + individual;
    const check = checkDigitsFor(candidate);
    if (check && parseIdentityNumber(candidate + check)?.birthDate === birthDate) return candidate + check;
  }
  throw new RangeError(`No identity number exists for ${birthDate}`);
}
