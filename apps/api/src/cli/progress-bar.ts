/**
 * A one-line progress bar on a terminal (redrawn in place), or a line every few seconds when the output
 * is a file or a pipe (CI logs).
 */
export class ProgressBar {
  private lastLine = 0;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, total: number | null, rate: number, etaSeconds: number | null): void {
    const fraction = total && total > 0 ? Math.min(1, done / total) : null;
    const filled = fraction === null ? 0 : Math.round(fraction * this.width);
    const bar = fraction === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
    const text = `${bar}${done.toLocaleString('en')} events  ${Math.round(rate).toLocaleString('en')} events/s  ETA ${etaSeconds === null ? '?' : `${Math.ceil(etaSeconds)} s`}`;
    if (this.out.isTTY) {
      this.out.write(`\r${text.padEnd(100)}`);
    } else if (Date.now() - this.lastLine > 2000) {
      this.out.write(`${text}\n`);
      this.lastLine = Date.now();
    }
  }

  finish(message: string): void {
    this.out.write(`${this.out.isTTY ? '\r' : ''}${message.padEnd(100)}\n`);
  }
}
