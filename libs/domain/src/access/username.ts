/**
 * Usernames are compared without regard to case or surrounding spaces, so "Kari.N" and "kari.n" are
 * one name; they are stored and claimed in their normalised form.
 */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

/** True for a normalised username of 3–64 characters from a–z, 0–9, '.', '_' and '-'. */
export const isValidUsername = (username: string) => USERNAME_PATTERN.test(username);
