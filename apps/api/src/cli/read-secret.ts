import { createInterface } from 'node:readline';

/** Asks for a secret on the terminal without echoing it; reads one line from a pipe otherwise. */
export function readSecret(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    if (process.stdin.isTTY) {
      process.stdout.write(prompt);
      // Swallow the echo of typed characters.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once('line', (line) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(line);
    });
    rl.once('close', () => reject(new Error('No password given')));
  });
}
