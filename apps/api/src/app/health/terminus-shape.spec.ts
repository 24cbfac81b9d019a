import { terminusShape } from './terminus-shape';

describe('terminusShape', () => {
  it('is ok with every check in info when all are up', () => {
    const eventStore = { status: 'up' as const, adapter: 'sqlite' };
    expect(terminusShape({ eventStore })).toEqual({ status: 'ok', info: { eventStore }, error: {}, details: { eventStore } });
  });

  it('is error with the checks that are down in error, and all of them in details', () => {
    const eventStore = { status: 'up' as const };
    const writes = { status: 'down' as const, error: 'store_unavailable' };
    expect(terminusShape({ eventStore, writes })).toEqual({ status: 'error', info: { eventStore }, error: { writes }, details: { eventStore, writes } });
  });
});
