/**
 * Events are stored for ever, so their shape is versioned: every event type has a current schema
 * version, and an older stored event is upcast step by step (v1 → v2 → ...) when read, never rewritten.
 */
export interface Upcaster {
  readonly type: string;
  /** The version this step reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export class UpcasterChain {
  private readonly steps = new Map<string, Upcaster>();

  constructor(
    private readonly currentVersions: Readonly<Record<string, number>>,
    upcasters: readonly Upcaster[],
  ) {
    for (const u of upcasters) this.steps.set(`${u.type}@${u.fromVersion}`, u);
  }

  currentVersion(type: string): number {
    return this.currentVersions[type] ?? 1;
  }

  /** Brings stored data of `version` up to the current version of its type. */
  upcast(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> {
    let current = data;
    const target = this.currentVersion(type);
    for (let v = version; v < target; v++) {
      const step = this.steps.get(`${type}@${v}`);
      if (!step) throw new Error(`No upcaster for ${type} from v${v} to v${v + 1}`);
      current = step.upcast(current);
    }
    return current;
  }
}
