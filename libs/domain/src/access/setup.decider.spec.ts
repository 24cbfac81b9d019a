import { specFor } from '../shared/given-when-then';
import { setupAdminId, setupDecider } from './setup.decider';

const given = specFor(setupDecider);
const started = { type: 'SetupStarted' as const, data: { adminUserId: 'a1' } };
const completed = { type: 'SetupCompleted' as const, data: { adminUserId: 'a1' } };

describe('setup', () => {
  it('starts once', () => {
    given().when({ type: 'StartSetup', adminUserId: 'a1' }).then(started);
    given(started).when({ type: 'StartSetup', adminUserId: 'a2' }).thenNothing();
  });
  it('completes for the administrator it started with', () => {
    given(started).when({ type: 'CompleteSetup', adminUserId: 'a1' }).then(completed);
    given(started).when({ type: 'CompleteSetup', adminUserId: 'a2' }).thenRejects('setup.not_started');
    given().when({ type: 'CompleteSetup', adminUserId: 'a1' }).thenRejects('setup.not_started');
  });
  it('refuses everything once completed', () => {
    given(started, completed).when({ type: 'StartSetup', adminUserId: 'a9' }).thenRejects('setup.already_completed');
  });
  it('resumes an interrupted setup with the same administrator', () => {
    expect(setupAdminId({ status: 'started', adminUserId: 'a1' }, 'fresh')).toBe('a1');
    expect(setupAdminId({ status: 'not_started' }, 'fresh')).toBe('fresh');
  });
});
