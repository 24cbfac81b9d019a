export * from './unit-occupancy.saga';
