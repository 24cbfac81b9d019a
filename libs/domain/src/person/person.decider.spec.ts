import { fold } from '../shared/decider';
import { specFor } from '../shared/given-when-then';
import { synthesizeIdentityNumber } from '../shared/identity-number';
import { PersonCommand, personDecider, PersonDetails, PersonEvent, personStream } from './person.decider';

const given = specFor(personDecider);
type Command<T extends PersonCommand['type']> = Extract<PersonCommand, { type: T }>;

// Synthetic numbers (valid check digits, never real people).
const number1990 = synthesizeIdentityNumber('1990-01-01', 123);
const otherNumber1990 = synthesizeIdentityNumber('1990-01-01', 456);
const dNumber1985 = synthesizeIdentityNumber('1985-06-15', 234, 'd_number');

const kari: PersonDetails = {
  givenName: 'Kari',
  familyName: 'Nordmann',
  birthDate: '1990-01-01',
  identityNumber: number1990,
  gender: 'female',
  contact: { phone: '+47 400 00 000' },
};
const register: Command<'RegisterPerson'> = { type: 'RegisterPerson', personId: 'p1', ...kari };
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'p1', ...kari } };
const correct = (changes: Command<'CorrectPersonDetails'>['changes'], reason = 'Misspelled at referral'): Command<'CorrectPersonDetails'> => ({
  type: 'CorrectPersonDetails',
  personId: 'p1',
  changes,
  reason,
  on: '2026-02-01',
});
const corrected = (changes: object, reason = 'Misspelled at referral'): PersonEvent => ({
  type: 'PersonDetailsCorrected',
  data: { personId: 'p1', changes, reason, on: '2026-02-01' },
});

describe('person', () => {
  it('names its stream after the person', () => {
    expect(personStream('p1')).toBe('person-p1');
  });

  describe('RegisterPerson', () => {
    it('registers a person with a fødselsnummer', () => {
      given().when(register).then(registered);
    });
    it('registers a person with a D-number', () => {
      const details: PersonDetails = { ...kari, birthDate: '1985-06-15', identityNumber: dNumber1985 };
      given()
        .when({ ...register, ...details })
        .then({ type: 'PersonRegistered', data: { personId: 'p1', ...details } });
    });
    it('registers a person without an identity number or contact', () => {
      const { identityNumber: _n, contact: _c, ...anonymous } = kari;
      given()
        .when({ type: 'RegisterPerson', personId: 'p1', ...anonymous, contact: {} })
        .then({ type: 'PersonRegistered', data: { personId: 'p1', ...anonymous } });
    });
    it('is idempotent when repeated', () => {
      given(registered).when(register).thenNothing();
    });
    it('refuses a different person under the same id', () => {
      given(registered)
        .when({ ...register, givenName: 'Ola' })
        .thenRejects('person.already_registered');
    });
    it('refuses a wrong check digit', () => {
      const wrong = number1990.slice(0, 10) + String((Number(number1990[10]) + 1) % 10);
      given()
        .when({ ...register, identityNumber: wrong })
        .thenRejects('person.identity_number.invalid', 'identityNumber');
    });
    it('refuses a birth date that disagrees with the number', () => {
      given()
        .when({ ...register, birthDate: '1990-01-02' })
        .thenRejects('person.identity_number.birth_date_mismatch', 'birthDate');
    });
    it('refuses a birth date that is not a date', () => {
      const { identityNumber: _n, ...withoutNumber } = register;
      given()
        .when({ ...withoutNumber, birthDate: '1990-02-30' })
        .thenRejects('person.birth_date.invalid', 'birthDate');
    });
    it('needs both names', () => {
      given()
        .when({ ...register, familyName: ' ' })
        .thenRejects('person.name_required', 'familyName');
    });
  });

  describe('CorrectPersonDetails', () => {
    it('records only the fields that change, with the reason', () => {
      given(registered)
        .when(correct({ givenName: 'Kári', familyName: 'Nordmann', gender: 'female' }))
        .then(corrected({ givenName: 'Kári' }));
    });
    it('makes the corrected details current', () => {
      const state = fold(personDecider, [registered, corrected({ givenName: 'Kári' }), corrected({ contact: {} })]);
      const { contact: _removed, ...rest } = kari;
      expect(state).toEqual({ status: 'registered', personId: 'p1', details: { ...rest, givenName: 'Kári' }, commentIds: [] });
    });
    it('removes the contact with an empty contact', () => {
      given(registered)
        .when(correct({ contact: {} }, 'Phone no longer in use'))
        .then(corrected({ contact: {} }, 'Phone no longer in use'));
    });
    it('corrects the identity number and birth date together', () => {
      const dNumber = synthesizeIdentityNumber('1985-06-15', 234, 'd_number');
      given(registered)
        .when(correct({ identityNumber: dNumber, birthDate: '1985-06-15' }, 'Wrong person’s number'))
        .then(corrected({ birthDate: '1985-06-15', identityNumber: dNumber }, 'Wrong person’s number'));
    });
    it('removes a wrong identity number with null', () => {
      given(registered)
        .when(correct({ identityNumber: null }, 'Number belonged to someone else'))
        .then(corrected({ identityNumber: null }, 'Number belonged to someone else'));
    });
    it('replaces the contact as a whole', () => {
      given(registered)
        .when(correct({ contact: { email: 'kari@example.no' } }, 'New email'))
        .then(corrected({ contact: { email: 'kari@example.no' } }, 'New email'));
    });
    it('records nothing when nothing changes', () => {
      given(registered)
        .when(correct({ givenName: 'Kari', contact: { phone: '+47 400 00 000' } }))
        .thenNothing();
    });
    it('needs a reason', () => {
      given(registered)
        .when(correct({ givenName: 'Kári' }, ' '))
        .thenRejects('person.correction.reason_required', 'reason');
    });
    it('refuses an invalid corrected number', () => {
      given(registered)
        .when(correct({ identityNumber: '12345678901' }))
        .thenRejects('person.identity_number.invalid');
    });
    it('refuses a corrected number that disagrees with the kept birth date', () => {
      given(registered)
        .when(correct({ identityNumber: dNumber1985 }))
        .thenRejects('person.identity_number.birth_date_mismatch');
    });
    it('refuses a corrected birth date that disagrees with the kept number', () => {
      given(registered)
        .when(correct({ birthDate: '1991-01-01' }))
        .thenRejects('person.identity_number.birth_date_mismatch');
    });
    it('accepts another valid number for the same birth date', () => {
      given(registered)
        .when(correct({ identityNumber: otherNumber1990 }))
        .then(corrected({ identityNumber: otherNumber1990 }));
    });
    it('refuses an emptied name', () => {
      given(registered)
        .when(correct({ givenName: '' }))
        .thenRejects('person.name_required', 'givenName');
    });
    it('needs the person to be registered', () => {
      given()
        .when(correct({ givenName: 'Kári' }))
        .thenRejects('person.not_found');
    });
  });

  describe('AddResidentComment', () => {
    const add: Command<'AddResidentComment'> = {
      type: 'AddResidentComment',
      personId: 'p1',
      commentId: 'cm1',
      on: '2026-03-01',
      text: 'I did not threaten anyone; I raised my voice.',
      aboutEventId: 'evt-42',
    };
    const added: PersonEvent = {
      type: 'ResidentCommentAdded',
      data: { personId: 'p1', commentId: 'cm1', on: '2026-03-01', text: add.text, aboutEventId: 'evt-42' },
    };
    it('adds the resident’s own comment on an entry', () => {
      given(registered).when(add).then(added);
    });
    it('adds a comment about nothing in particular', () => {
      const { aboutEventId: _about, ...general } = add;
      given(registered)
        .when(general)
        .then({ type: 'ResidentCommentAdded', data: { personId: 'p1', commentId: 'cm1', on: '2026-03-01', text: add.text } });
    });
    it('is idempotent for the same comment id', () => {
      given(registered, added).when(add).thenNothing();
    });
    it('refuses an empty comment', () => {
      given(registered)
        .when({ ...add, text: '  ' })
        .thenRejects('person.comment.text_required', 'text');
    });
    it('needs the person to be registered', () => {
      given().when(add).thenRejects('person.not_found');
    });
  });
});

describe('forgetting a person', () => {
  const given = specFor(personDecider);
  const registered = {
    type: 'PersonRegistered' as const,
    data: { personId: 'p9', givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' as const },
  };
  const forgotten = { type: 'PersonForgotten' as const, data: { personId: 'p9', on: '2026-11-22', legalBasis: 'gdpr_art_17_consent_withdrawn' as const } };

  it('records the legal basis and the day, and nothing personal', () => {
    given(registered).when({ type: 'ForgetPerson', personId: 'p9', on: '2026-11-22', legalBasis: 'gdpr_art_17_consent_withdrawn' }).then(forgotten);
  });
  it('is idempotent', () => {
    given(registered, forgotten).when({ type: 'ForgetPerson', personId: 'p9', on: '2026-11-23', legalBasis: 'court_order' }).thenNothing();
  });
  it('refuses any later change to a forgotten person', () => {
    given(registered, forgotten)
      .when({ type: 'AddResidentComment', personId: 'p9', commentId: 'c1', on: '2026-11-23', text: 'x' })
      .thenRejects('person.forgotten');
  });
  it('refuses to forget someone who was never registered', () => {
    given().when({ type: 'ForgetPerson', personId: 'p9', on: '2026-11-22', legalBasis: 'court_order' }).thenRejects('person.not_found');
  });
});
