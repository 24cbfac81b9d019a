import type { TFunction } from 'i18next';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in a sentence: its last characters, enough to tell two apart on one screen (the whole id is no word). */
export const shortId = (t: TFunction, id: string): string => t('replayValue.id', { tail: id.slice(-4) });

/**
 * An event stream in words: what kind of record (its name's first word: `case-<id>`, `referral-claim-<id>-…`,
 * `username-<hash>`) and the short end of its id; a stream without an id (`system-setup`) by its kind alone.
 */
export function streamWords(t: TFunction, stream: string): string {
  const m = /^([a-z]+)-(.+)$/.exec(stream);
  if (!m) return stream;
  const kind = t([`streamKind.${m[1]}`, 'streamKind.other']);
  const id = /[0-9a-f]{8}/.exec(m[2]) ? m[2].replace(/[^0-9a-f]/g, '') : undefined;
  return id ? t('replayValue.stream', { kind, id: shortId(t, id) }) : kind;
}
