import { KeyWrapper } from './key-wrapping';
import { KeyNotLoadedError, KeyStore, PersonForgottenError } from './key-store.port';

/** What the storage holds for one person: the wrapped key, or none (never made, or forgotten). */
export interface StoredKey {
  readonly wrapped: Buffer | null;
  readonly forgotten: boolean;
}

/** How many people's keys one process keeps unwrapped in memory (about 100 bytes each). */
export const KEY_CACHE_SIZE = 10_000;

/**
 * What the SQLite and PostgreSQL key stores share: the bounded cache that the synchronous cipher reads
 * (least recently used out), the unwrapping, and the list of people this process knows to be forgotten.
 * That list is not bounded by the cache: once this process has seen that someone was forgotten (its own
 * forget, another instance's notification, the PersonForgotten event), no load that was already under
 * way can bring their key back into memory.
 */
export abstract class CachedKeyStore implements KeyStore {
  /**
   * personId → the unwrapped key, or null: no key, and not known to be forgotten (never registered
   * here, or registered a moment ago on another instance). A null is answered until the next load,
   * which asks the store again; only "forgotten" is for good. Map order is the LRU order.
   */
  private readonly cache = new Map<string, Buffer | null>();
  private readonly forgottenHere = new Set<string>();
  private readonly listeners: Array<(personId?: string) => void> = [];

  protected constructor(
    protected readonly wrapper: KeyWrapper,
    private readonly capacity: number = KEY_CACHE_SIZE,
  ) {}

  /** The stored state of these people, in one round trip. */
  protected abstract fetch(personIds: readonly string[]): Promise<Map<string, StoredKey>>;
  /** Stores the wrapped key unless the person has one or was forgotten; returns what is stored now. */
  protected abstract insert(personId: string, wrapped: Buffer): Promise<StoredKey>;
  /** Deletes the key and records the person as forgotten, in one transaction; then makes sure the key is gone. */
  protected abstract remove(personId: string, at: Date): Promise<void>;

  abstract isForgotten(personId: string): Promise<boolean>;
  abstract forgottenCheckpoint(): Promise<string | undefined>;
  abstract saveForgottenCheckpoint(position: string): Promise<void>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;

  async create(personId: string): Promise<'created' | 'exists' | 'forgotten'> {
    if (this.forgottenHere.has(personId)) return 'forgotten';
    const candidate = this.wrapper.newKey(personId);
    const stored = await this.insert(personId, candidate.wrapped);
    if (stored.forgotten || !stored.wrapped) {
      this.markForgotten(personId);
      return 'forgotten';
    }
    const created = stored.wrapped.equals(candidate.wrapped);
    this.remember(personId, created ? candidate.key : this.wrapper.unwrap(personId, stored.wrapped));
    return created ? 'created' : 'exists';
  }

  async load(personIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(personIds)].filter((id) => !this.isLoaded(id));
    if (missing.length === 0) return;
    const stored = await this.fetch(missing);
    // Everything the batch needs enters the cache at once, after the round trip: the synchronous decode
    // that follows finds all of it (the cache holds far more people than one batch of events touches).
    for (const id of missing) {
      const row = stored.get(id);
      if (row?.forgotten) this.markForgotten(id);
      else this.remember(id, row?.wrapped ? this.wrapper.unwrap(id, row.wrapped) : null);
    }
  }

  isLoaded(personId: string): boolean {
    return this.forgottenHere.has(personId) || Buffer.isBuffer(this.cache.get(personId));
  }

  keyFor(personId: string): Buffer {
    const key = this.existingKey(personId);
    if (!key) throw new PersonForgottenError();
    return key;
  }

  existingKey(personId: string): Buffer | undefined {
    if (this.forgottenHere.has(personId)) return undefined;
    const key = this.cache.get(personId);
    if (key === undefined) {
      const read = this.readThrough(personId);
      if (read === undefined) throw new KeyNotLoadedError();
      return read ?? undefined;
    }
    // Most recently used last.
    this.cache.delete(personId);
    this.cache.set(personId, key);
    return key ?? undefined;
  }

  async forget(personId: string, at: Date): Promise<void> {
    this.markForgotten(personId);
    await this.remove(personId, at);
  }

  evict(personId: string): void {
    this.markForgotten(personId);
  }

  onForgotten(listener: (personId?: string) => void): void {
    this.listeners.push(listener);
  }

  /** For adapters: another instance forgot this person (or, with no id, anyone may have been). */
  protected forgottenElsewhere(personId?: string): void {
    if (personId) this.markForgotten(personId);
    else this.cache.clear();
    for (const listener of this.listeners) listener(personId);
  }

  /**
   * A synchronous read for a person not in the cache: undefined (the default) means "not loaded".
   * Only offline tools that write a log themselves (the benchmarks' generator) read through.
   */
  protected readThrough(_personId: string): Buffer | null | undefined {
    return undefined;
  }

  protected remember(personId: string, key: Buffer | null): void {
    if (this.forgottenHere.has(personId)) return;
    this.cache.delete(personId);
    this.cache.set(personId, key);
    while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }

  private markForgotten(personId: string): void {
    this.forgottenHere.add(personId);
    this.cache.delete(personId);
  }
}
