export * from './journal.decider';
