import { allowedCaseCommands, CASE_COMMAND_TYPES } from '@app/domain';
import { history, PathName, paths, stateOf } from '../../../../libs/domain/src/case/case.fixtures';
import type { AllowedCommand, CaseStatus } from '../api/types';
import { arrangeActions, COMMAND_WEIGHT } from './case-actions';
import nb from '../i18n/nb.json';
import en from '../i18n/en.json';

/** The case page's actions for the state a fixture path leads to, as the API would list them (every role). */
const arranged = (name: PathName) => {
  const state = stateOf(history(name));
  const allowed: AllowedCommand[] = allowedCaseCommands(state).map((type) => ({ type, method: 'POST', path: `case-command:${type}` }));
  const { next, more, destructive } = arrangeActions(state.status as CaseStatus, allowed);
  return { next: next?.type, more: more.map((c) => c.type), destructive: destructive.map((c) => c.type) };
};

describe('the case page’s actions', () => {
  it('weighs every command type the domain has', () => {
    expect(Object.keys(COMMAND_WEIGHT).sort()).toEqual([...CASE_COMMAND_TYPES].sort());
  });

  it.each<[PathName, string | undefined]>([
    ['referred', 'RecordAssessmentMeeting'],
    ['inAssessment', 'RecordAssessmentMeeting'],
    ['mapping', 'EndMapping'],
    ['accepted', 'IssueDecision'],
    ['granted', 'OfferUnit'],
    ['waitlisted', 'IssueDecision'],
    ['waitlistedGranted', 'OfferUnit'],
    ['offered', 'AcceptOffer'],
    ['offerAccepted', 'MoveIn'],
    ['resident', undefined],
    ['excludedMovedOut', 'RecordAlternativeOffered'],
    ['movedOut', 'StartFollowUp'],
    ['refused', 'IssueDecision'],
    ['refusalIssued', undefined],
    ['withdrawn', 'CloseCase'],
    ['notRelevant', 'CloseCase'],
    ['closed', undefined],
  ])('after "%s" the next step is %s', (name, next) => {
    expect(arranged(name).next).toBe(next);
  });

  it('offers closing the case as the next step only where the path has ended', () => {
    for (const name of Object.keys(paths) as PathName[]) {
      const ended = name === 'withdrawn' || name === 'notRelevant';
      expect([name, arranged(name).next === 'CloseCase']).toEqual([name, ended]);
    }
  });

  it('sets the actions that end something apart from the rest, and shows each allowed action once', () => {
    const resident = arranged('resident');
    expect(resident.destructive).toEqual(['DecideExclusion', 'MoveOut', 'WithdrawConsent']);
    expect(resident.more).toContain('RecordIncident');
    expect(resident.more).not.toContain('MoveOut');
    const referred = arranged('referred');
    expect([referred.next, ...referred.more, ...referred.destructive].sort()).toEqual(allowedCaseCommands(stateOf(history('referred'))).sort());
  });

  it('puts an appeal waiting for review before the status’s own next step', () => {
    const allowed = (['ReviewAppeal', 'OfferUnit', 'RecordIncident'] as const).map((type) => ({ type, method: 'POST' as const, path: `/x/${type}` }));
    expect(arrangeActions('waitlisted', allowed).next?.type).toBe('ReviewAppeal');
  });

  it.each([
    ['nb', nb],
    ['en', en],
  ])('says in %s what each action that ends something will do, for its confirmation', (_lang, messages) => {
    const destructive = Object.entries(COMMAND_WEIGHT)
      .filter(([, weight]) => weight === 'destructive')
      .map(([type]) => type);
    expect(Object.keys(messages.caseActions.consequence).sort()).toEqual(destructive.sort());
  });
});
