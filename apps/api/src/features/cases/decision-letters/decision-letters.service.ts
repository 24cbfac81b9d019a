import { Injectable } from '@nestjs/common';
import { CaseEvent, caseStream, EventOf, facilityDecider, facilityStream, personDecider, personStream, Role, ROLES } from '@app/domain';
import { FORGOTTEN } from '../../../platform/crypto/field-cipher';
import { UserDirectory } from '../../../platform/auth/user-directory';
import { NotFound } from '../../../platform/errors/command-errors';
import { StreamReader } from '../../../platform/streams/stream-reader';
import { composeLetter, letterFactsOf, letterHash } from './decision-letter';

export interface DecisionLetterView {
  caseId: string;
  personId: string;
  facilityId: string;
  decisionId: string;
  kind: string;
  issuedOn: string;
  /**
   * `kept`: the letter as sent, kept with the decision. `composed`: a decision recorded before letters
   * were kept, its letter written now from the decision. `forgotten`: the person was forgotten; the
   * letter keeps what the law requires (the decision, its basis, dates and appeal notice), not what
   * was written about them.
   */
  source: 'kept' | 'composed' | 'forgotten';
  /** The hash recorded with the decision (null where none was), and whether the text shown matches it. */
  sha256: string | null;
  intact: boolean;
  text: string;
}

const ERASED = 'Opplysningene er slettet fordi personen er glemt.';

/** Decision letters read back from the case's own stream (the command side), decrypted. */
@Injectable()
export class DecisionLetters {
  constructor(
    private readonly streams: StreamReader,
    private readonly users: UserDirectory,
  ) {}

  async letter(caseId: string, decisionId: string): Promise<DecisionLetterView> {
    const events = await this.streams.events<CaseEvent>(caseStream(caseId));
    const found = events.find((e) => e.event.type === 'DecisionIssued' && e.event.data.decisionId === decisionId);
    if (!found) throw new NotFound('Decision');
    const d = (found.event as EventOf<'DecisionIssued'>).data;
    const base = { caseId, personId: d.personId, facilityId: d.facilityId, decisionId, kind: d.kind, issuedOn: d.on };
    const kept = d.letter;
    if (kept && typeof kept.text === 'string' && kept.text !== FORGOTTEN) {
      return { ...base, source: 'kept', sha256: kept.sha256, intact: letterHash(kept.text) === kept.sha256, text: kept.text };
    }
    const exclusion = events
      .map((e) => e.event)
      .find((e): e is EventOf<'ExclusionDecided'> => e.type === 'ExclusionDecided' && e.data.decisionId === decisionId);
    const [person, facility, user] = await Promise.all([
      this.streams.load(personDecider, personStream(d.personId)),
      this.streams.load(facilityDecider, facilityStream(d.facilityId)),
      this.users.byId(found.metadata.actorId),
    ]);
    const forgotten = person.state.status !== 'registered';
    const profile = facility.state.status === 'active' ? facility.state.profile : { name: '', municipality: '' };
    const role = (ROLES as readonly string[]).includes(found.metadata.actorRole) ? (found.metadata.actorRole as Role) : 'system';
    const personal = (text: string) => (forgotten || text === FORGOTTEN ? ERASED : text);
    const facts = letterFactsOf(
      { ...d, facts: personal(d.facts), mainConsiderations: personal(d.mainConsiderations) },
      exclusion && { ...exclusion.data, overallAssessment: personal(exclusion.data.overallAssessment) },
      {
        person: person.state.status === 'registered' ? { givenName: person.state.details.givenName, familyName: person.state.details.familyName } : null,
        facility: { name: profile.name, municipality: profile.municipality },
        caseWorker: { displayName: user?.displayName ?? found.metadata.actorId, role },
      },
    );
    const text = composeLetter(facts);
    return { ...base, source: forgotten ? 'forgotten' : 'composed', sha256: kept?.sha256 ?? null, intact: false, text };
  }
}
