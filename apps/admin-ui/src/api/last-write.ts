/**
 * The log position of this tab's latest write. Lists that gather many cases (the work queue) ask the
 * read models to include it, so an item the user has just cleared does not come back on the next fetch.
 */
let lastWrite: string | undefined;

export const lastWritePosition = (): string | undefined => lastWrite;

export function recordWrite(position: string | null | undefined): void {
  if (position && (lastWrite === undefined || BigInt(position) > BigInt(lastWrite))) lastWrite = position;
}
