import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * A digest of every read-model table of the live generations, by projection and logical table name
 * (not by physical name, so generations built at different times compare equal when their rows do).
 */
export function readModelDigest(dataDir: string): Record<string, string> {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    const live = db.prepare("SELECT name, generation FROM projection_generations WHERE status = 'live' ORDER BY name").all() as Array<{
      name: string;
      generation: number;
    }>;
    const digest: Record<string, string> = {};
    for (const { name, generation } of live) {
      const prefix = `${name}__`;
      const suffix = `__g${generation}`;
      const tables = (
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? AND name LIKE ? ORDER BY name")
          .all(`${prefix}%`, `%${suffix}`) as Array<{ name: string }>
      ).map((t) => t.name);
      for (const table of tables) {
        const hash = createHash('sha256');
        let rows = 0;
        const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as unknown[]).length;
        const orderBy = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
        for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).safeIntegers(true).iterate()) {
          hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
          rows++;
        }
        digest[`${name}.${table.slice(prefix.length, -suffix.length)}`] = `${rows}:${hash.digest('hex').slice(0, 16)}`;
      }
    }
    return digest;
  } finally {
    db.close();
  }
}
