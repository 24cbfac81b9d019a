import { checkDigitsFor, isValidIdentityNumber, parseIdentityNumber, synthesizeIdentityNumber } from './identity-number';

describe('identity numbers', () => {
  it('accepts a valid national identity number and derives the birth date and century', () => {
    expect(parseIdentityNumber('01019012057')).toEqual({ kind: 'national_id', birthDate: '1990-01-01' });
    expect(parseIdentityNumber('15076500565')).toEqual({ kind: 'national_id', birthDate: '1965-07-15' });
    const born2005 = synthesizeIdentityNumber('2005-03-15', 500);
    expect(Number(born2005.slice(6, 9))).toBeGreaterThanOrEqual(500);
    expect(parseIdentityNumber(born2005)).toEqual({ kind: 'national_id', birthDate: '2005-03-15' });
  });

  it('accepts a D-number (day + 40)', () => {
    const dNumber = synthesizeIdentityNumber('1985-01-01', 234, 'd_number');
    expect(dNumber.startsWith('41')).toBe(true);
    expect(parseIdentityNumber(dNumber)).toEqual({ kind: 'd_number', birthDate: '1985-01-01' });
  });

  it('refuses a wrong first or second check digit', () => {
    const valid = synthesizeIdentityNumber('1990-01-01', 123);
    const wrongFirst = valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10) + valid[10];
    const wrongSecond = valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
    expect(isValidIdentityNumber(valid)).toBe(true);
    expect(isValidIdentityNumber(wrongFirst)).toBe(false);
    expect(isValidIdentityNumber(wrongSecond)).toBe(false);
  });

  it.each(['', '123', '0101901234', '010190123456', 'abcdefghijk', 12345678901, null])('refuses %p', (value) => {
    expect(isValidIdentityNumber(value)).toBe(false);
  });

  it('refuses an impossible date even with correct check digits', () => {
    const impossible = '310290' + '123';
    const check = checkDigitsFor(impossible);
    if (check) expect(isValidIdentityNumber(impossible + check)).toBe(false);
  });
});
