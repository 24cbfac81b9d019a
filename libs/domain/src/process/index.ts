export * from './unit-occupancy.process';
