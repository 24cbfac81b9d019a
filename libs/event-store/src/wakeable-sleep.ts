/**
 * A sleep that another part of the code can cut short: subscriptions wait for a commit or a retry
 * delay this way, and unsubscribing (or a commit) wakes them at once.
 */
export class WakeableSleep {
  private wake?: () => void;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Ends the current sleep, if any. */
  wakeUp(): void {
    this.wake?.();
  }
}
