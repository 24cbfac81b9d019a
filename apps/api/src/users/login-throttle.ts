import { Injectable } from '@nestjs/common';

/**
 * Slows password guessing: after 5 failed logins for one username within 15 minutes, that username is
 * locked for 15 minutes. Kept in memory: a restart forgets it, which costs an attacker a restart.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private static readonly WINDOW_MS = 15 * 60_000;
  private static readonly LIMIT = 5;

  isLocked(username: string, now: number): boolean {
    return this.recent(username, now).length >= LoginThrottle.LIMIT;
  }

  failed(username: string, now: number): void {
    this.failures.set(username, [...this.recent(username, now), now]);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string, now: number): number[] {
    return (this.failures.get(username) ?? []).filter((t) => now - t < LoginThrottle.WINDOW_MS);
  }
}
