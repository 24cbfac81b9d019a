import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics, in a registry of its own (so tests can run several apps side by side).
 * Labels carry route templates and projection names only: never ids or anything about a person.
 * Node's default metrics and the HTTP histogram have their standard names (process_*, nodejs_*,
 * http_request_duration_seconds), so ready-made dashboards and alerts fit; the app's own are `rop_`.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Every HTTP request, queries too, by method, route pattern and status (see requestLogging). */
  readonly httpRequestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'rop_commands_total',
    help: 'HTTP commands by route and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendSeconds = new Histogram({
    name: 'rop_event_store_append_seconds',
    help: 'Time to append to the event store (including durable commit)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly handlerSeconds = new Histogram({
    name: 'rop_projection_handler_seconds',
    help: 'Time a projection takes to handle one event and apply its row changes',
    labelNames: ['projection'] as const,
    buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
    registers: [this.registry],
  });

  readonly projectionLagEvents = new Gauge({
    name: 'rop_projection_lag_events',
    help: 'Events between a projection checkpoint and the head of the log (SQLite store only)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionLagSeconds = new Gauge({
    name: 'rop_projection_lag_seconds',
    help: 'Age of the oldest event a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly parkedEvents = new Gauge({
    name: 'rop_projection_parked_events',
    help: 'Events parked (dead-lettered) per projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly eventStoreUp = new Gauge({
    name: 'rop_event_store_up',
    help: 'Whether the event store answered this process last time it was asked (1) or not (0)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

/** Maps an HTTP status to the outcome label of a command. */
export function outcomeOf(status: number): string {
  if (status < 300) return 'ok';
  if (status === 400 || status === 413) return 'invalid';
  if (status === 401 || status === 403) return 'denied';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'rule_violation';
  if (status === 429) return 'throttled';
  if (status === 503) return 'unavailable';
  return 'error';
}
