import { StoreAccessDeniedError, StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '@app/event-store';
import { WriteHealth } from './write-health';

describe('WriteHealth', () => {
  it('takes answers about the command (a conflict, a stream deleted for good) as the store working', () => {
    const writes = new WriteHealth();
    writes.failed(new WrongExpectedVersionError('case-1', 0n, 1n));
    writes.failed(new StreamDeletedError('facility-1'));
    expect(writes.failure).toBeUndefined();
  });

  it('counts an unreachable or refusing store as failing writes, since the first failure, until one succeeds', () => {
    const writes = new WriteHealth();
    writes.failed(new StoreUnavailableError('gone'));
    const since = writes.failure!.since;
    writes.failed(new StoreAccessDeniedError('refused'));
    expect(writes.failure).toMatchObject({ since, error: 'access_denied' });
    writes.succeeded();
    expect(writes.failure).toBeUndefined();
  });
});
