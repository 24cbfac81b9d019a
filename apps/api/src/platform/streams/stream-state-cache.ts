/**
 * Folded streams kept between commands, least recently used first out. A command then reads only the
 * events after the revision it has folded to (usually none or one) instead of the whole stream: most
 * of a command's time went into reading, decrypting and folding the same case again
 * (bench/http, `--cpu-prof`). The log stays the truth: every load still reads the stream's tail, so an
 * append by another process or instance is never missed.
 *
 * States hold decrypted personal data: `clear()` is called when a person is forgotten, so nothing of
 * theirs outlives the key in this process's memory.
 */
export class StreamStateCache<T> {
  private readonly entries = new Map<string, { owner: object; value: T }>();

  constructor(private readonly capacity: number) {}

  /** The value folded by this owner (the decider), if any; a stream folded by another decider is a miss. */
  get(owner: object, stream: string): T | undefined {
    const entry = this.entries.get(stream);
    if (!entry || entry.owner !== owner) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry.value;
  }

  set(owner: object, stream: string, value: T): void {
    if (this.capacity <= 0) return;
    this.entries.delete(stream);
    this.entries.set(stream, { owner, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(stream: string): void {
    this.entries.delete(stream);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
