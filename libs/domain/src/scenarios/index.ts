/**
 * Histories that could have happened, planned before anything runs: seeded random numbers, made-up
 * people, unit places handed out on a calendar, and cases written as scripts of dated commands. Used
 * by the demo, the e2e fixtures and the benchmark's dataset generator; pure like the rest of the
 * domain (time, ids and randomness passed in). Import as `@app/domain/scenarios`.
 */
export * from './random';
export * from './people';
export * from './unit-calendar';
export * from './plan';
export * from './case-script';
