/**
 * The embedded event log. `position` is AUTOINCREMENT so a position is never reused, even after the last
 * rows are deleted by hand; (stream, revision) is unique so two writers can never both take a revision;
 * `id` is unique so a retried append cannot duplicate events. `streams` holds each stream's last
 * revision so the concurrency check is one indexed lookup; `stream_settings` its deletion and metadata
 * (a separate table, so a log written before deletes existed opens unchanged).
 */
export const EVENT_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  created  TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream   TEXT    PRIMARY KEY,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stream_settings (
  stream          TEXT    PRIMARY KEY,
  tombstoned      INTEGER NOT NULL DEFAULT 0,
  max_age         INTEGER,
  max_count       INTEGER,
  truncate_before INTEGER
) WITHOUT ROWID;
`;

/** A stream's lifecycle and metadata (see stream-state.ts); a row only once something was set. */
export interface StreamSettingsRow {
  tombstoned: bigint;
  max_age: bigint | null;
  max_count: bigint | null;
  truncate_before: bigint | null;
}

export interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
  created: string;
}
