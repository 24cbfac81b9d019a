/**
 * Whether this process serves (true) or is the CLI sharing the data with a server (false): only a
 * serving process runs background work, prints the setup token and keeps read models current.
 */
export const RUN_BACKGROUND = Symbol('RUN_BACKGROUND');
