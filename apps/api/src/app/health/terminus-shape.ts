/** One check in the shape of @nestjs/terminus: `up` or `down`, with whatever the check says about itself. */
export interface HealthIndicator {
  readonly status: 'up' | 'down';
}

/** What @nestjs/terminus answers, for the operators' tools that read it. */
export interface TerminusShape<T extends HealthIndicator = HealthIndicator> {
  readonly status: 'ok' | 'error';
  readonly info: Record<string, T>;
  readonly error: Record<string, T>;
  readonly details: Record<string, T>;
}

/**
 * The checks sorted as terminus sorts them: `info` the ones up, `error` the ones down, `details` all;
 * `error` when any is down.
 */
export function terminusShape<T extends HealthIndicator>(indicators: Record<string, T>): TerminusShape<T> {
  const entries = Object.entries(indicators);
  const down = entries.filter(([, check]) => check.status === 'down');
  return {
    status: down.length > 0 ? 'error' : 'ok',
    info: Object.fromEntries(entries.filter(([, check]) => check.status === 'up')),
    error: Object.fromEntries(down),
    details: indicators,
  };
}
