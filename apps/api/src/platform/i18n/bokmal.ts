import catalogue from '../../../../admin-ui/src/i18n/nb.json';

/**
 * The admin UI's bokmål catalogue on the server, for the documents it writes to people (the right of
 * access letter): one set of words for the screen and the paper. Imported, so the build carries it.
 */
type Catalogue = { readonly [key: string]: string | Catalogue };
const NB = catalogue as Catalogue;

export type MessageParams = Readonly<Record<string, string | number>>;

function lookup(key: string): string | undefined {
  let node: string | Catalogue | undefined = NB;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Whether the catalogue has a text for the key. */
export const hasText = (key: string): boolean => lookup(key) !== undefined;

/**
 * The text for a key with its `{{param}}` placeholders filled in (i18next's syntax, without escaping:
 * the caller escapes for its medium). A count picks `key_one` / `key_other` where the key has no plain
 * text. Undefined when the catalogue has no text for the key.
 */
export function bokmal(key: string, params: MessageParams = {}): string | undefined {
  const count = params.count;
  const template = lookup(key) ?? (typeof count === 'number' ? lookup(`${key}_${count === 1 ? 'one' : 'other'}`) : undefined);
  return template?.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A calendar day, YYYY-MM-DD, as Norwegian text writes it: 04.12.2026 (anything else as given). */
export function norwegianDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
