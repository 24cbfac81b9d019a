import { appealNoticeFor, citationOf, isLateAppeal, LEGAL_BASES } from './legal-basis';

describe('appeal notice', () => {
  it.each(['hotl_3_2', 'pbrl_2_1a'] as const)('gives 4 weeks under pbrl § 7-5 for %s', (basis) => {
    expect(appealNoticeFor(basis, '2025-01-15')).toEqual({
      appealBody: 'statsforvalteren',
      deadlineRule: 'pbrl_7_5',
      deadlineWeeks: 4,
      deadline: '2025-02-12',
      texts: ['decision.notice.right_to_appeal', 'decision.notice.how_to_appeal', 'decision.notice.right_to_see_documents'],
    });
  });
  it.each(['boligsosial_lov_6', 'sotjl_27'] as const)('gives 3 weeks under fvl § 29 for %s', (basis) => {
    const notice = appealNoticeFor(basis, '2025-01-15');
    expect(notice).toMatchObject({ appealBody: 'statsforvalteren', deadlineRule: 'fvl_29', deadlineWeeks: 3, deadline: '2025-02-05' });
  });
  it('counts from the day the person was told, across month and year ends', () => {
    expect(appealNoticeFor('sotjl_27', '2024-12-20').deadline).toBe('2025-01-10');
    expect(appealNoticeFor('hotl_3_2', '2024-02-10').deadline).toBe('2024-03-09'); // leap year
  });
  it('flags an appeal received after the deadline as late, and one on the last day as in time', () => {
    const notice = appealNoticeFor('sotjl_27', '2025-01-15');
    expect(isLateAppeal(notice, '2025-02-05')).toBe(false);
    expect(isLateAppeal(notice, '2025-02-06')).toBe(true);
  });
  it('cites every basis', () => {
    for (const basis of LEGAL_BASES) expect(citationOf(basis)).toMatch(/§/);
  });
});
