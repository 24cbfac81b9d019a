import { hashPassword, passwordProblem, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('korrekt hest batteri stift');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('korrekt');
    await expect(verifyPassword('korrekt hest batteri stift', stored)).resolves.toBe(true);
    await expect(verifyPassword('korrekt hest batteri stifT', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short')).toBeDefined();
    expect(passwordProblem('long enough passphrase')).toBeUndefined();
  });
});
