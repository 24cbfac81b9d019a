import { forgottenPersonalData, PERSONAL_FIELDS } from '@app/domain';
import { DomainRuleViolation } from '../errors/command-errors';
import { decryptValue, EncryptedValue, encryptValue, FORGOTTEN, isEncrypted } from './field-cipher';
import { KeyStore } from './key-store.port';

type Data = Record<string, unknown>;

const DONE = Promise.resolve();

/**
 * Encrypts the personal fields of an event (as listed per event type in the domain's PERSONAL_FIELDS)
 * with the key of the person the event is about (`data.personId`), and the metadata's free-text reason
 * with it. Events about nobody in particular (facilities, units, staff accounts) are stored as they are.
 */
export class PersonalDataCipher {
  constructor(private readonly keys: KeyStore) {}

  /**
   * Loads the keys of the people these events are about, so that protect and reveal, which are
   * synchronous, find them (see KeyStore). One round trip for a whole batch; none when all are loaded.
   */
  loadKeysFor(events: Iterable<{ readonly data: unknown }>): Promise<void> {
    let missing: string[] | undefined;
    for (const event of events) {
      const subject = subjectOf(event.data as Data);
      if (subject && !this.keys.isLoaded(subject)) (missing ??= []).push(subject);
    }
    return missing ? this.keys.load(missing) : DONE;
  }

  /**
   * Encrypts the event's personal fields with its person's key (loaded first: loadKeysFor). A person
   * without a key has been forgotten: an event that would record personal data about them is refused
   * (422 `person.forgotten.personal_data`, naming the field); one without personal data is stored.
   */
  protect(type: string, data: Data, metadata: Data): { data: Data; metadata: Data } {
    const subject = subjectOf(data);
    const present = (PERSONAL_FIELDS[type] ?? []).filter((path) => getPath(data, path) !== undefined);
    if (!subject || (present.length === 0 && typeof metadata.reason !== 'string')) return { data, metadata };
    const key = this.keys.existingKey(subject);
    if (!key) throw new DomainRuleViolation(forgottenPersonalData(present[0] ?? 'reason'));
    // Copies only the objects on the way to each encrypted field; the caller's data is never changed.
    let protectedData = data;
    for (const path of present) {
      const value = getPath(protectedData, path);
      if (value !== undefined && !isEncrypted(value)) protectedData = withPath(protectedData, path, encryptValue(key, path, value));
    }
    const protectedMetadata = typeof metadata.reason === 'string' ? { ...metadata, reason: encryptValue(key, 'metadata.reason', metadata.reason) } : metadata;
    return { data: protectedData, metadata: protectedMetadata };
  }

  reveal(data: Data, metadata: Data): { data: Data; metadata: Data } {
    const subject = subjectOf(data);
    if (!subject || !containsEncrypted(data, metadata)) return { data, metadata };
    const key = this.keys.existingKey(subject);
    const open = (path: string, value: unknown) => (key ? decryptValue(key, path, value as never) : FORGOTTEN);
    const revealed = structuredClone(data);
    walkEncrypted(revealed, '', (path, value, set) => set(open(path, value)));
    const revealedMetadata = isEncrypted(metadata.reason) ? { ...metadata, reason: open('metadata.reason', metadata.reason) } : metadata;
    return { data: revealed, metadata: revealedMetadata };
  }

  /**
   * As `reveal`, but each encrypted value is decrypted only when something reads it. Read models read
   * personal fields of few event types (names, gender), yet `reveal` decrypts every field of every
   * event: during a rebuild that was most of the decode's time (bench/projections/profile.ts). Objects on
   * the way to an encrypted value are copied, so the stored event is never changed; the rest is shared.
   */
  revealLazily(data: Data, metadata: Data): { data: Data; metadata: Data } {
    const subject = subjectOf(data);
    if (!subject) return { data, metadata };
    // The key is looked up now, while it is sure to be loaded; only the decryption waits for a read.
    let key: Buffer | undefined;
    let looked = false;
    const lookUp = () => {
      if (!looked) key = this.keys.existingKey(subject);
      looked = true;
    };
    const open = (path: string, value: EncryptedValue) => (key ? decryptValue(key, path, value) : FORGOTTEN);
    const lazyData = withLazyValues(data, '', open, lookUp);
    if (!isEncrypted(metadata.reason)) return { data: lazyData, metadata };
    lookUp();
    const reason = metadata.reason;
    const lazyMetadata = { ...metadata };
    defineLazy(lazyMetadata, 'reason', () => open('metadata.reason', reason));
    return { data: lazyData, metadata: lazyMetadata };
  }
}

/** The node itself when nothing in it is encrypted; otherwise a copy whose encrypted values decrypt on first read. */
function withLazyValues(node: Data, prefix: string, open: (path: string, value: EncryptedValue) => unknown, found: () => void): Data {
  let copy: Data | undefined;
  for (const key in node) {
    const value = node[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (isEncrypted(value)) {
      found();
      copy ??= { ...node };
      defineLazy(copy, key, () => open(path, value));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = withLazyValues(value as Data, path, open, found);
      if (inner !== value) (copy ??= { ...node })[key] = inner;
    }
  }
  return copy ?? node;
}

/** A property that computes its value on first read and then holds it as a plain value. */
function defineLazy(holder: Data, prop: string, compute: () => unknown): void {
  Object.defineProperty(holder, prop, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(holder, prop, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

function subjectOf(data: Data | undefined): string | undefined {
  return typeof data?.personId === 'string' ? data.personId : undefined;
}

function containsEncrypted(data: Data, metadata: Data): boolean {
  return isEncrypted(metadata.reason) || JSON.stringify(data).includes('"$enc"');
}

function getPath(data: Data, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Data)[key] : undefined), data);
}

/** A copy of `data` with the value at `path` replaced; objects off the path are shared, not copied. */
function withPath(data: Data, path: string, value: unknown): Data {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...data, [head]: value };
  const child = data[head];
  if (!child || typeof child !== 'object') return data;
  return { ...data, [head]: withPath(child as Data, rest.join('.'), value) };
}

/** Finds every encrypted value in the data (by its dotted path) and lets the caller replace it. */
function walkEncrypted(node: Data, prefix: string, visit: (path: string, value: unknown, set: (v: unknown) => void) => void): void {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isEncrypted(value)) visit(path, value, (v) => (node[key] = v));
    else if (value && typeof value === 'object' && !Array.isArray(value)) walkEncrypted(value as Data, path, visit);
  }
}
