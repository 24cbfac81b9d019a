/**
 * Polls `check` until it no longer throws and answers what it returned, or rethrows its last failure
 * once `withinMs` have passed: for what another instance or process does in its own time.
 */
export async function within<T>(withinMs: number, check: () => Promise<T>, everyMs = 50): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
