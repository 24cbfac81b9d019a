import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessLogStream, caseStream } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { PASSWORD, seedStays, SeededWorld } from '../ui/support/seed-stays';
import { startTestApp, TestApp } from '../support/test-app';

const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The text of a PDF as a reader sees it (poppler's pdftotext), with its lines joined. */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');

/**
 * Decision letters over HTTP: the letter is composed when the decision is issued and kept with it
 * (its text under the person's key, its hash in the clear), read back as JSON, as a page and as a PDF
 * whose text holds what forvaltningsloven asks; each read is in the person's access log; once the
 * person is forgotten the letter keeps the decision, its basis and the appeal notice, nothing about them.
 */
describe('decision letters', () => {
  let t: TestApp;
  let world: SeededWorld;
  let caseId: string;
  let personId: string;
  let grantId: string;
  let exclusionId: string;
  let auditor: string;

  const streamOf = async (stream: string): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    for await (const e of t.store.readStream(stream)) out.push(e);
    return out;
  };
  const letter = (decisionId: string, token = world.tokens.worker, ext = '') =>
    t.request('GET', `/api/v1/cases/${caseId}/decisions/${decisionId}/letter${ext}`, { token });
  const pdf = async (decisionId: string, token = world.tokens.worker) => {
    const res = await fetch(`${t.url}/api/v1/cases/${caseId}/decisions/${decisionId}/letter.pdf`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedStays(t, [
      {
        givenName: 'Per',
        familyName: 'Hansen',
        birthDate: '1980-02-01',
        gender: 'male',
        moveInOn: '2026-03-10',
        incidents: [{ on: '2026-04-05', kind: 'threat_or_violence' }],
        exclusion: { on: '2026-04-10', reason: 'violence_or_threats' },
        moveOut: { on: '2026-04-20', destination: 'shelter_or_guesthouse' },
      },
    ]);
    ({ caseId, personId } = world.people[0]);
    const view = await t.request('GET', `/api/v1/cases/${caseId}`, { token: world.tokens.worker });
    const decisions = Object.values(view.body.decisions as Record<string, { decisionId: string; kind: string }>);
    grantId = decisions.find((d) => d.kind === 'grant')!.decisionId;
    exclusionId = decisions.find((d) => d.kind === 'exclusion')!.decisionId;
    auditor = await t.login(world.users.auditor, PASSWORD);
  }, 60_000);
  afterAll(() => t?.close());

  it('keeps the letter as sent: its hash in the clear with the decision, its text encrypted, read back intact', async () => {
    const res = await letter(grantId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId, personId, decisionId: grantId, kind: 'grant', source: 'kept', intact: true });
    expect(res.body.sha256).toBe(createHash('sha256').update(res.body.text, 'utf8').digest('hex'));
    const text: string = res.body.text;
    expect(text).toContain('# Vedtak om tildeling av bolig med oppfølging');
    expect(text).toContain('Bodø kommune – Bolig Nu');
    expect(text).toContain('Til: Per Hansen');
    expect(text).toContain('Vedtaket er gjort med hjemmel i sosialtjenesteloven § 27.');
    expect(text).toContain('sender vi klagen til Statsforvalteren');
    // Notified 2026-03-05, three weeks (fvl § 29): Thursday 26 March 2026.
    expect(text).toContain('Klagefristen er 3 uker fra du fikk vite om vedtaket. Siste dag for å klage er 26.03.2026.');
    expect(text).toContain('Vedtaket er gjort av Per Teamleder. Registrert av sa.teamleder (teamleder).');

    const stored = (await streamOf(caseStream(caseId))).find((e) => e.type === 'DecisionIssued' && JSON.stringify(e.data).includes(grantId))!;
    const raw = JSON.stringify(stored.data);
    expect((stored.data as { letter: { sha256: string } }).letter.sha256).toBe(res.body.sha256);
    expect(raw).not.toContain('Per Hansen');
    expect(raw).not.toContain('Klagefristen');
  });

  it('gives the letter as a PDF whose text holds the legal basis, the grounds, the appeal body and the deadline, and as a page', async () => {
    const file = await pdf(exclusionId);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file.body);
    expect(text).toContain('Vedtak om avslutning av botilbudet');
    expect(text).toContain('Hjemmel');
    expect(text).toContain('sosialtjenesteloven § 27');
    expect(text).toContain('Faktiske forhold vi har lagt til grunn Trusler');
    expect(text).toContain('Hovedhensyn i vurderingen Sikkerheten til beboere og ansatte');
    expect(text).toContain('på grunn av vold eller trusler');
    expect(text).toContain('Statsforvalteren');
    expect(text).toMatch(/Siste dag for å klage er \d{2}\.\d{2}\.2026/);
    expect(text).toContain('forvaltningsloven §§ 18 og 19');

    const page = await letter(exclusionId, world.tokens.worker, '.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.body).toContain('<h1>Vedtak om avslutning av botilbudet</h1>');
    expect(page.body).toContain('<h2>Du kan klage</h2>');
    expect(page.body).not.toContain('<script');
  });

  it('logs each read of a letter in the person’s access log; refuses a reader outside the facility and answers 404 for an unknown decision', async () => {
    const before = (await streamOf(accessLogStream(personId))).length;
    expect((await pdf(grantId)).status).toBe(200);
    const after = await streamOf(accessLogStream(personId));
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.data).toMatchObject({ view: 'letter', caseId, flagged: false });

    const outsider = await t.login(world.users.outsider, PASSWORD);
    expect((await letter(grantId, outsider)).status).toBe(403);
    expect((await pdf(grantId, outsider)).status).toBe(403);
    expect((await letter('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await letter('not-a-uuid')).status).toBe(400);
  });

  it('keeps only what the law requires once the person is forgotten: the decision, its basis, dates and appeal notice, and the same hash', async () => {
    const kept = (await letter(grantId, auditor)).body;
    const forgotten = await t.request('POST', `/api/v1/people/${personId}/forget`, {
      token: world.tokens.admin,
      body: { legalBasis: 'gdpr_art_17_consent_withdrawn', on: '2026-11-01' },
    });
    expect(forgotten.status).toBe(200);
    const res = await letter(grantId, auditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'forgotten', sha256: kept.sha256, intact: false });
    const text: string = res.body.text;
    expect(text).not.toContain('Per Hansen');
    expect(text).not.toContain('Bostedsløs');
    expect(text).toContain('Opplysningene er slettet fordi personen er glemt.');
    expect(text).toContain('sosialtjenesteloven § 27');
    expect(text).toContain(`Siste dag for å klage er ${dotted('2026-03-26')}.`);
    expect(pdfText((await pdf(grantId, auditor)).body)).toContain('Opplysningene er slettet fordi personen er glemt.');
  });
});
