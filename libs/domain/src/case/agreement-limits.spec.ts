import { agreementLimit, checkAgreement, checkEndWithinLimit, checkLease } from './agreement-limits';
import { Agreement } from './case.types';

const ruleOf = (result: ReturnType<typeof checkAgreement>) => (result && !result.ok ? result.error.rule : undefined);
const service = (endsOn?: string): Agreement => ({ kind: 'service_agreement', startsOn: '2025-02-01', endsOn });
const temporary = (endsOn?: string, extensionJustification?: string): Agreement => ({
  kind: 'temporary_agreement',
  startsOn: '2025-02-01',
  endsOn,
  extensionJustification,
});
const lease = (endsOn: string | undefined, indefinite: boolean, notice?: string): Agreement => ({
  kind: 'lease',
  startsOn: '2025-02-01',
  endsOn,
  leaseTerms: { specialTermsHusll11_1: notice !== undefined, writtenNoticeGivenOn: notice, writtenNoticeStatesFewerRights: notice !== undefined, indefinite },
});

describe('agreement limits', () => {
  describe('service agreement (at most 12 months)', () => {
    it('allows exactly 12 months', () => expect(checkAgreement(service('2026-02-01'))).toBeUndefined());
    it('refuses one day more', () => expect(ruleOf(checkAgreement(service('2026-02-02')))).toBe('agreement.service_max_12_months'));
    it('refuses more even with a justification', () =>
      expect(ruleOf(checkAgreement({ ...service('2026-03-01'), extensionJustification: 'Needs more time' }))).toBe('agreement.service_max_12_months'));
    it('needs an end date', () => expect(ruleOf(checkAgreement(service()))).toBe('agreement.end_required'));
    it('ends after it starts', () => expect(ruleOf(checkAgreement(service('2025-01-31')))).toBe('agreement.ends_before_start'));
    it('has no lease terms', () =>
      expect(ruleOf(checkAgreement({ ...service('2025-06-01'), leaseTerms: { specialTermsHusll11_1: false, indefinite: true } }))).toBe(
        'agreement.lease_terms_only_for_lease',
      ));
  });

  describe('temporary agreement (3 months unless justified)', () => {
    it('allows exactly 3 months', () => expect(checkAgreement(temporary('2025-05-01'))).toBeUndefined());
    it('refuses one day more without a justification', () => expect(ruleOf(checkAgreement(temporary('2025-05-02')))).toBe('agreement.temporary_max_3_months'));
    it('allows more with a written justification', () =>
      expect(checkAgreement(temporary('2025-08-01', 'Waiting for a municipal flat from 1 August'))).toBeUndefined());
    it('does not take a blank justification', () => expect(ruleOf(checkAgreement(temporary('2025-08-01', '  ')))).toBe('agreement.temporary_max_3_months'));
    it("respects a facility's shorter longest stay", () => {
      expect(agreementLimit('temporary_agreement', '2025-02-01', 60)).toBe('2025-04-02');
      expect(ruleOf(checkAgreement(temporary('2025-04-03'), 60))).toBe('agreement.temporary_max_3_months');
      expect(checkAgreement(temporary('2025-04-02'), 60)).toBeUndefined();
    });
    it("keeps 3 months when the facility's longest stay is longer", () => expect(agreementLimit('temporary_agreement', '2025-02-01', 180)).toBe('2025-05-01'));
  });

  describe('lease (husleieloven)', () => {
    it('allows a time-limited lease of exactly 3 years', () => expect(checkAgreement(lease('2028-02-01', false))).toBeUndefined());
    it('refuses a time-limited lease one day shorter (husll § 9-3)', () =>
      expect(ruleOf(checkAgreement(lease('2028-01-31', false)))).toBe('agreement.lease_min_3_years'));
    it('refuses a time-limited lease without an end', () => expect(ruleOf(checkAgreement(lease(undefined, false)))).toBe('agreement.lease_min_3_years'));
    it('allows an indefinite lease', () => expect(checkAgreement(lease(undefined, true))).toBeUndefined());
    it('refuses an end date on an indefinite lease', () =>
      expect(ruleOf(checkAgreement(lease('2030-01-01', true)))).toBe('agreement.lease_indefinite_with_end'));
    it('needs its terms', () => expect(ruleOf(checkAgreement({ kind: 'lease', startsOn: '2025-02-01' }))).toBe('agreement.lease_terms_required'));
    it('allows special terms (husll § 11-1) with written notice on or before the start', () => {
      expect(checkAgreement(lease(undefined, true, '2025-02-01'))).toBeUndefined();
      const noticed = { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-01-20', writtenNoticeStatesFewerRights: true, indefinite: true };
      expect(checkLease('2025-02-01', undefined, noticed, '')).toBeUndefined();
    });
    it('refuses special terms noticed after the start, or not noticed', () => {
      expect(ruleOf(checkAgreement(lease(undefined, true, '2025-02-02')))).toBe('agreement.lease_special_terms_notice');
      expect(ruleOf(checkLease('2025-02-01', undefined, { specialTermsHusll11_1: true, indefinite: true }, ''))).toBe('agreement.lease_special_terms_notice');
    });
    it('has no upper limit', () => expect(agreementLimit('lease', '2025-02-01')).toBeUndefined());
  });

  describe('a time-limited lease shorter than 3 years for a dwelling let to the disadvantaged (husll § 11-1)', () => {
    const shortLease = (terms: Partial<NonNullable<Agreement['leaseTerms']>> = {}, endsOn = '2026-02-01'): Agreement => ({
      kind: 'lease',
      startsOn: '2025-02-01',
      endsOn,
      leaseTerms: {
        specialTermsHusll11_1: true,
        writtenNoticeGivenOn: '2025-01-20',
        writtenNoticeStatesFewerRights: true,
        signedOn: '2025-01-25',
        shortTermReason: 'Gjennomgangsbolig mens leieren venter på tildeling av varig kommunal bolig',
        indefinite: false,
        ...terms,
      },
    });
    it('allows one year, with the special terms told in writing before signing and the need stated', () =>
      expect(checkAgreement(shortLease())).toBeUndefined());
    it('allows a few months too (the law sets no shortest term)', () => expect(checkAgreement(shortLease({}, '2025-05-01'))).toBeUndefined());
    it('takes the notice on the signing day itself', () => expect(checkAgreement(shortLease({ writtenNoticeGivenOn: '2025-01-25' }))).toBeUndefined());
    it('refuses it without the special terms: an ordinary lease runs 3 years (§ 9-3)', () =>
      expect(ruleOf(checkAgreement(shortLease({ specialTermsHusll11_1: false })))).toBe('agreement.lease_min_3_years'));
    it('refuses it when the tenant was told after signing, even before the lease starts', () =>
      expect(ruleOf(checkAgreement(shortLease({ writtenNoticeGivenOn: '2025-01-28' })))).toBe('agreement.lease_special_terms_notice'));
    it('refuses it when the notice did not say the lease gives fewer rights', () => {
      expect(ruleOf(checkAgreement(shortLease({ writtenNoticeStatesFewerRights: false })))).toBe('agreement.lease_special_terms_notice_content');
      expect(ruleOf(checkAgreement(shortLease({ writtenNoticeStatesFewerRights: undefined })))).toBe('agreement.lease_special_terms_notice_content');
    });
    it('refuses it without a reason the tenant needs it short (the exception is read narrowly)', () => {
      expect(ruleOf(checkAgreement(shortLease({ shortTermReason: undefined })))).toBe('agreement.lease_short_term_reason_required');
      expect(ruleOf(checkAgreement(shortLease({ shortTermReason: '   ' })))).toBe('agreement.lease_short_term_reason_required');
      const refused = checkAgreement(shortLease({ shortTermReason: undefined }));
      expect(refused && !refused.ok && refused.error.field).toBe('agreement.leaseTerms.shortTermReason');
    });
    it('needs no reason for one of 3 years or more', () => expect(checkAgreement(shortLease({ shortTermReason: undefined }, '2028-02-01'))).toBeUndefined());
    it('checks a conversion to such a lease the same way', () => {
      const terms = shortLease().leaseTerms!;
      expect(checkLease('2025-09-01', '2026-09-01', { ...terms, signedOn: '2025-08-20' }, '')).toBeUndefined();
      expect(ruleOf(checkLease('2025-09-01', '2026-09-01', { ...terms, signedOn: undefined, writtenNoticeGivenOn: '2025-09-02' }, ''))).toBe(
        'agreement.lease_special_terms_notice',
      );
    });
  });

  describe('extensions count from the original start', () => {
    it('refuses a service agreement extended past 12 months from its start', () => {
      const limit = agreementLimit('service_agreement', '2025-02-01');
      expect(checkEndWithinLimit('service_agreement', '2026-02-01', limit, undefined, 'endsOn')).toBeUndefined();
      expect(ruleOf(checkEndWithinLimit('service_agreement', '2026-02-02', limit, undefined, 'endsOn'))).toBe('agreement.service_max_12_months');
    });
  });
});
