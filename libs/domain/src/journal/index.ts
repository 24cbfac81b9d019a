export * from './journal.decider';
export * from './contact-log';
