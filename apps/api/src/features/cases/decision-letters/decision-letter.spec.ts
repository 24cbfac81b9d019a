import { appealNoticeFor } from '@app/domain';
import { composeLetter, keptLetter, letterBlocks, letterHash, LetterFacts } from './decision-letter';

const facts: LetterFacts = {
  kind: 'refusal',
  on: '2026-12-01',
  notifiedOn: '2026-12-02',
  citation: 'helse- og omsorgstjenesteloven § 3-2',
  facts: 'Søkeren har   egen leilighet.',
  mainConsiderations: 'Behovet kan dekkes med hjemmetjenester.',
  decidedBy: 'Per Teamleder',
  appealNotice: appealNoticeFor('hotl_3_2', '2026-12-02'),
  person: { givenName: 'Kari', familyName: 'Nordmann' },
  facility: { name: 'Bolig Nu', municipality: 'Bodø' },
  caseWorker: { displayName: 'Tone Teamleder', role: 'team_lead' },
};

describe('decision letter', () => {
  it('writes what forvaltningsloven §§ 24–27 ask: decision, basis, facts, considerations, appeal notice with its day, who decided', () => {
    const text = composeLetter(facts);
    const headings = letterBlocks(text)
      .filter((b) => b.kind !== 'paragraph')
      .map((b) => b.text);
    expect(headings).toEqual([
      'Vedtak om avslag på bolig med oppfølging',
      'Vedtak',
      'Hjemmel',
      'Faktiske forhold vi har lagt til grunn',
      'Hovedhensyn i vurderingen',
      'Du kan klage',
      'Du har rett til å se dokumentene',
      'Saksbehandler',
    ]);
    expect(text).toContain('Du får ikke tilbud om bolig med oppfølging i Bolig Nu.');
    expect(text).toContain('Vedtaket er gjort med hjemmel i helse- og omsorgstjenesteloven § 3-2.');
    // Free text as one sentence; four weeks under pbrl § 7-5 from Wednesday 2 December: 30 December.
    expect(text).toContain('Søkeren har egen leilighet.');
    expect(text).toContain('Klagefristen er 4 uker fra du fikk vite om vedtaket. Siste dag for å klage er 30.12.2026.');
    expect(text).toContain('Registrert av Tone Teamleder (teamleder).');
    expect(text).toContain('Til: Kari Nordmann');
  });

  it('names the reasons of an exclusion in words and the duty to offer other housing; leaves the name out for a forgotten person', () => {
    const text = composeLetter({
      ...facts,
      kind: 'exclusion',
      person: null,
      exclusion: { reasons: ['violence_or_threats', 'repeated_house_rule_breaches'], overallAssessment: 'To advarsler først.', effectiveOn: '2026-12-15' },
    });
    expect(text).toContain('Botilbudet ditt i Bolig Nu avsluttes fra 15.12.2026.');
    expect(text).toContain('Botilbudet avsluttes på grunn av vold eller trusler, gjentatte brudd på husordensreglene.');
    expect(text).toContain('Kommunen skal tilby deg et annet egnet botilbud.');
    expect(text).not.toContain('Til:');
  });

  it('keeps the text with the SHA-256 of its UTF-8 bytes, and is the same text every time for the same facts', () => {
    const kept = keptLetter(facts);
    expect(kept.text).toBe(composeLetter(facts));
    expect(kept.sha256).toBe(letterHash(kept.text));
    expect(kept.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(letterHash(`${kept.text} `)).not.toBe(kept.sha256);
  });
});
