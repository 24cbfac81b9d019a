/**
 * Child process for the crash test: appends without pause and prints one line per acknowledged append,
 * until the parent kills it with SIGKILL. Each append carries three events that must stay together.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite.event-store';

const file = process.argv[2];
const writers = Number(process.argv[3] ?? 8);
const store = new SqliteEventStore({ file });

async function writer(w: number): Promise<never> {
  const stream = `crash-${w}`;
  let expected: bigint | 'no_stream' = 'no_stream';
  for (;;) {
    const batch = randomUUID();
    const events = [0, 1, 2].map((part) => ({ id: randomUUID(), type: 'CrashTested', data: { batch, part } }));
    const result = await store.appendToStream(stream, events, { expectedRevision: expected });
    expected = result.nextExpectedRevision;
    process.stdout.write(`ack ${stream} ${batch} ${events.map((e) => e.id).join(',')}\n`);
  }
}

for (let w = 0; w < writers; w++) void writer(w);
