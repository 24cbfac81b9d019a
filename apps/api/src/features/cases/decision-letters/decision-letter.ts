import { createHash } from 'node:crypto';
import { AppealNotice, DecisionKind, EventOf, ExclusionReason, IsoDate, Role } from '@app/domain';
import { bokmal, norwegianDay } from '../../../platform/i18n/bokmal';

/**
 * The decision letter (vedtaksbrev) in bokmål, as forvaltningsloven asks of it: the decision and its
 * legal basis written out (§ 24–25: the rules, the facts relied on, the main considerations), the
 * appeal notice (§ 27 third paragraph: the right to appeal, the deadline as a day, the appeal body, how
 * to appeal, the right to see the documents), the municipality and facility, and who decided.
 *
 * The letter is plain text in a small fixed form (a title line `# `, section headings `## `, paragraphs
 * separated by blank lines): that text is what is kept with the decision and hashed, and the HTML and
 * the PDF are both drawn from it, so what was sent can be shown as it was.
 */
export interface LetterFacts {
  readonly kind: DecisionKind;
  readonly on: IsoDate;
  readonly notifiedOn: IsoDate;
  readonly citation: string;
  readonly facts: string;
  readonly mainConsiderations: string;
  readonly decidedBy: string;
  readonly appealNotice: AppealNotice;
  /** Null where the person is forgotten: the letter then leaves their name out. */
  readonly person: { readonly givenName: string; readonly familyName: string } | null;
  readonly facility: { readonly name: string; readonly municipality: string };
  /** The user who recorded the decision, by display name and role. */
  readonly caseWorker: { readonly displayName: string; readonly role: Role | 'system' };
  readonly exclusion?: { readonly reasons: readonly ExclusionReason[]; readonly overallAssessment: string; readonly effectiveOn: IsoDate };
}

/** The letter's facts from the recorded decision (and its exclusion), and who and where it is about. */
export function letterFactsOf(
  d: EventOf<'DecisionIssued'>['data'],
  exclusion: EventOf<'ExclusionDecided'>['data'] | undefined,
  about: Pick<LetterFacts, 'person' | 'facility' | 'caseWorker'>,
): LetterFacts {
  return {
    kind: d.kind,
    on: d.on,
    notifiedOn: d.notifiedOn,
    citation: d.citation,
    facts: d.facts,
    mainConsiderations: d.mainConsiderations,
    decidedBy: d.decidedBy,
    appealNotice: d.appealNotice,
    ...about,
    ...(exclusion && { exclusion: { reasons: exclusion.reasons, overallAssessment: exclusion.overallAssessment, effectiveOn: exclusion.effectiveOn } }),
  };
}

export interface KeptLetter {
  readonly text: string;
  /** SHA-256 of the text's UTF-8 bytes, hex: recorded with the decision. */
  readonly sha256: string;
}

export const letterHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const TITLES: Readonly<Record<DecisionKind, string>> = {
  grant: 'Vedtak om tildeling av bolig med oppfølging',
  refusal: 'Vedtak om avslag på bolig med oppfølging',
  exclusion: 'Vedtak om avslutning av botilbudet',
};

const APPEAL_BODIES: Readonly<Record<AppealNotice['appealBody'], string>> = { statsforvalteren: 'Statsforvalteren' };

/** A code's bokmål label from the UI's catalogue, as a word inside a sentence. */
const word = (key: string): string => {
  const text = bokmal(key) ?? key;
  return text.charAt(0).toLowerCase() + text.slice(1);
};

const sentence = (text: string) => text.trim().replace(/\s+/g, ' ');

export function composeLetter(f: LetterFacts): string {
  const facility = f.facility.name;
  const municipality = `${f.facility.municipality} kommune`;
  const notice = f.appealNotice;
  const body = APPEAL_BODIES[notice.appealBody];
  const decided: Readonly<Record<DecisionKind, string>> = {
    grant: `Du får tilbud om bolig med oppfølging i ${facility}.`,
    refusal: `Du får ikke tilbud om bolig med oppfølging i ${facility}.`,
    exclusion: `Botilbudet ditt i ${facility} avsluttes fra ${norwegianDay(f.exclusion?.effectiveOn ?? f.on)}.`,
  };
  const sections: Array<[string, string[]]> = [
    ['Vedtak', [decided[f.kind]]],
    ['Hjemmel', [`Vedtaket er gjort med hjemmel i ${f.citation}.`]],
    ['Faktiske forhold vi har lagt til grunn', [sentence(f.facts) || 'Vi har lagt til grunn opplysningene i henvisningen din.']],
    ['Hovedhensyn i vurderingen', [sentence(f.mainConsiderations) || 'Du får det du har bedt om.']],
  ];
  if (f.exclusion) {
    const reasons = f.exclusion.reasons.map((r) => word(`enum.${r}`)).join(', ');
    sections.push([
      'Grunnlaget for avslutningen',
      [
        `Botilbudet avsluttes på grunn av ${reasons}.`,
        sentence(f.exclusion.overallAssessment),
        'Kommunen skal tilby deg et annet egnet botilbud. Vi tar kontakt med deg om dette.',
      ],
    ]);
  }
  sections.push(
    [
      'Du kan klage',
      [
        `Du kan klage på vedtaket. Send klagen til ${facility}, ${municipality}. Vi vurderer saken på nytt, og holder vi fast ved vedtaket, sender vi klagen til ${body}, som avgjør den.`,
        `Klagefristen er ${notice.deadlineWeeks} uker fra du fikk vite om vedtaket. Siste dag for å klage er ${norwegianDay(notice.deadline)}.`,
        'Klagen må være skriftlig og underskrevet. Skriv hvilket vedtak du klager på, hva du ønsker endret og hvorfor (forvaltningsloven § 32). Vi hjelper deg gjerne med å skrive klagen.',
        'Du kan be om at vedtaket ikke settes i verk før klagen er avgjort (forvaltningsloven § 42).',
      ],
    ],
    [
      'Du har rett til å se dokumentene',
      ['Du har rett til å se dokumentene i saken din (forvaltningsloven §§ 18 og 19). Ta kontakt med oss om du vil se dem.'],
    ],
    ['Saksbehandler', [`Vedtaket er gjort av ${sentence(f.decidedBy)}. Registrert av ${f.caseWorker.displayName} (${word(`role.${f.caseWorker.role}`)}).`]],
  );
  const head = [`${municipality} – ${facility}`, `Dato: ${norwegianDay(f.on)}`, ...(f.person ? [`Til: ${f.person.givenName} ${f.person.familyName}`] : [])];
  return [
    head.join('\n'),
    `# ${TITLES[f.kind]}`,
    ...sections.map(([heading, paragraphs]) => [`## ${heading}`, ...paragraphs].join('\n\n')),
    `Med hilsen\n${facility}\n${municipality}`,
  ].join('\n\n');
}

export function keptLetter(f: LetterFacts): KeptLetter {
  const text = composeLetter(f);
  return { text, sha256: letterHash(text) };
}

/** A block of the letter's text: the title, a section heading, or a paragraph (lines kept). */
export type LetterBlock = { kind: 'title' | 'heading' | 'paragraph'; text: string };

/** The letter's text read back into blocks, for the HTML and the PDF. */
export function letterBlocks(text: string): LetterBlock[] {
  return text
    .split(/\n{2,}/)
    .filter((b) => b.trim() !== '')
    .map((b) =>
      b.startsWith('## ') ? { kind: 'heading', text: b.slice(3) } : b.startsWith('# ') ? { kind: 'title', text: b.slice(2) } : { kind: 'paragraph', text: b },
    );
}
