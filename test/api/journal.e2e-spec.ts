import { accessLogStream, addDays, journalStream } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { calendarDateIn } from '../../apps/api/src/platform/clock';
import { PASSWORD, seedStays, SeededWorld } from '../ui/support/seed-stays';
import { startTestApp, TestApp } from '../support/test-app';

const today = calendarDateIn(new Date(), 'Europe/Oslo');
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * Journal notes over HTTP: written by case workers of the case's facility, corrected as new versions,
 * read like the case (access-logged), gathered per facility for the shift handover and found by their
 * text, each read of a person's note recorded in that person's access log.
 */
describe('journal notes', () => {
  let t: TestApp;
  let world: SeededWorld;
  let caseId: string;
  let personId: string;
  let outsider: string;
  let auditor: string;

  const streamOf = async (stream: string): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    try {
      for await (const e of t.store.readStream(stream)) out.push(e);
    } catch {
      /* no stream yet */
    }
    return out;
  };
  const note = (body: object, token = world.tokens.worker, id = caseId) => t.request('POST', `/api/v1/cases/${id}/notes`, { token, body });

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedStays(t, [
      {
        givenName: 'Nora',
        familyName: 'Natt',
        birthDate: '1985-02-01',
        gender: 'female',
        moveInOn: addDays(today, -20),
        incidents: [{ on: addDays(today, -1), kind: 'house_rule_breach' }],
        moveOut: { on: today, destination: 'municipal_housing' },
      },
    ]);
    ({ caseId, personId } = world.people[0]);
    outsider = await t.login(world.users.outsider, PASSWORD);
    auditor = await t.login(world.users.auditor, PASSWORD);
  }, 60_000);
  afterAll(() => t?.close());

  it('writes a note and a correction; the case’s journal shows every version with its author and role, and the read is logged', async () => {
    const written = await note({ about: hoursAgo(6), category: 'observation', text: 'Urolig natt, ringte på vaktrommet to ganger.' });
    expect(written.status).toBe(201);
    const noteId = written.body.id;
    const corrected = await t.request('POST', `/api/v1/cases/${caseId}/notes/${noteId}/corrections`, {
      token: world.tokens.worker,
      body: { about: hoursAgo(5), category: 'observation', text: 'Urolig natt, ringte på vaktrommet tre ganger.', reason: 'Feil antall' },
    });
    expect(corrected.status).toBe(200);

    const before = (await streamOf(accessLogStream(personId))).length;
    const journal = await t.request('GET', `/api/v1/cases/${caseId}/notes?minPosition=${corrected.body.position}`, { token: world.tokens.worker });
    expect(journal.status).toBe(200);
    expect(journal.body.notes).toEqual([
      expect.objectContaining({
        noteId,
        personId,
        version: 2,
        text: 'Urolig natt, ringte på vaktrommet tre ganger.',
        forgotten: false,
        authorRole: 'case_worker',
        authorName: 'sa.saksbehandler',
        name: { givenName: 'Nora', familyName: 'Natt' },
        versions: [
          expect.objectContaining({
            version: 1,
            text: 'Urolig natt, ringte på vaktrommet to ganger.',
            authorRole: 'case_worker',
            authorName: 'sa.saksbehandler',
          }),
          expect.objectContaining({ version: 2, text: 'Urolig natt, ringte på vaktrommet tre ganger.', reason: 'Feil antall' }),
        ],
      }),
    ]);
    const records = await streamOf(accessLogStream(personId));
    expect(records.length).toBe(before + 1);
    expect(records[records.length - 1].data).toMatchObject({ personId, caseId, view: 'journal', flagged: false });
    // Personal data: the text is encrypted in the log, never stored in the clear.
    const stored = await streamOf(journalStream(caseId));
    expect(JSON.stringify(stored.map((e) => e.data))).not.toContain('Urolig');
  });

  it('refuses a note about the future or before the case (rule codes, nothing written), and a writer outside the facility', async () => {
    const before = (await streamOf(journalStream(caseId))).length;
    const future = await note({ about: new Date(Date.now() + 3_600_000).toISOString(), category: 'observation', text: 'Snart' });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ rule: 'journal.about_in_future', field: 'about' });
    const early = await note({ about: `${addDays(today, -400)}T12:00:00Z`, category: 'observation', text: 'Før saken' });
    expect(early.body).toMatchObject({ rule: 'journal.about_before_case', field: 'about' });
    const unreadable = await note({ about: 'i natt', category: 'observation', text: 'x' });
    expect(unreadable.status).toBe(400);
    const elsewhere = await note({ about: hoursAgo(1), category: 'observation', text: 'Fra et annet botiltak' }, outsider);
    expect(elsewhere.status).toBe(403);
    expect((await streamOf(journalStream(caseId))).length).toBe(before);
    const read = await t.request('GET', `/api/v1/cases/${caseId}/notes`, { token: outsider });
    expect(read.status).toBe(403);
  });

  it('gathers the facility’s notes and incidents since a time for the handover, newest first, and logs a read per person shown', async () => {
    const second = await note({ about: hoursAgo(2), category: 'conversation', text: 'Samtale om dagen i morgen.' });
    expect(second.status).toBe(201);
    const before = (await streamOf(accessLogStream(personId))).length;
    const since = encodeURIComponent(hoursAgo(30));
    const handover = await t.request('GET', `/api/v1/facilities/${world.homeId}/handover?since=${since}&minPosition=${second.body.position}`, {
      token: world.tokens.worker,
    });
    expect(handover.status).toBe(200);
    expect(handover.body.notes.map((n: { text: string }) => n.text)).toEqual(['Samtale om dagen i morgen.', 'Urolig natt, ringte på vaktrommet tre ganger.']);
    expect(handover.body.incidents).toEqual([
      expect.objectContaining({ caseId, kind: 'house_rule_breach', on: addDays(today, -1), name: { givenName: 'Nora', familyName: 'Natt' } }),
    ]);
    const records = await streamOf(accessLogStream(personId));
    expect(records.slice(before).map((r) => (r.data as { view: string }).view)).toEqual(['handover']);

    // From now on nothing has happened or been written yet; another facility's staff get no handover of this one.
    const later = await t.request('GET', `/api/v1/facilities/${world.homeId}/handover?since=${encodeURIComponent(hoursAgo(0))}`, {
      token: world.tokens.worker,
    });
    expect(later.body).toMatchObject({ notes: [], incidents: [] });
    expect((await t.request('GET', `/api/v1/facilities/${world.homeId}/handover?since=${since}`, { token: outsider })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/facilities/${world.homeId}/handover?since=yesterday`, { token: world.tokens.worker })).status).toBe(400);
  });

  it('finds notes by words of their text within one’s facilities only, and logs the read', async () => {
    const found = await t.request('GET', `/api/v1/notes?q=${encodeURIComponent('VAKTROMMET tre')}`, { token: world.tokens.worker });
    expect(found.status).toBe(200);
    expect(found.body.notes).toEqual([expect.objectContaining({ caseId, text: 'Urolig natt, ringte på vaktrommet tre ganger.' })]);
    // The words of the first version are no longer the note's text.
    expect((await t.request('GET', `/api/v1/notes?q=${encodeURIComponent('to ganger')}`, { token: world.tokens.worker })).body.notes).toEqual([]);
    const elsewhere = await t.request('GET', `/api/v1/notes?q=vaktrommet`, { token: outsider });
    expect(elsewhere.body.notes).toEqual([]);
    expect((await t.request('GET', `/api/v1/notes?q=vaktrommet&facilityId=${world.homeId}`, { token: outsider })).status).toBe(403);
    const records = await streamOf(accessLogStream(personId));
    expect(records[records.length - 1].data).toMatchObject({ view: 'journal_search', caseId });
  });

  it('records contacts of the follow-up; the case’s contact log shows them newest first with who recorded them, and the read is logged', async () => {
    const contact = (body: object, token = world.tokens.worker) => t.request('POST', `/api/v1/cases/${caseId}/contacts`, { token, body });
    const visit = { about: hoursAgo(4), kind: 'home_visit', parties: ['nav', 'landlord'], durationMinutes: 45, outcome: 'Gikk gjennom husleia sammen.' };
    const first = await contact({ ...visit, nextPlannedOn: addDays(today, 7) });
    expect(first.status).toBe(201);
    const call = await contact({ about: hoursAgo(1), kind: 'phone', parties: [], durationMinutes: 10, outcome: 'Bekreftet neste besøk.' });
    expect(call.status).toBe(201);

    // Refused: unknown kind (400 before deciding), a next contact before this one's day, and from outside the facility.
    const before = (await streamOf(journalStream(caseId))).length;
    expect((await contact({ ...visit, kind: 'letter' })).status).toBe(400);
    const early = await contact({ ...visit, nextPlannedOn: addDays(today, -3) });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ rule: 'contact.next_before_contact', field: 'nextPlannedOn' });
    expect((await contact({ ...visit, durationMinutes: 0 })).body).toMatchObject({ rule: 'contact.duration_invalid' });
    expect((await contact(visit, outsider)).status).toBe(403);
    expect((await streamOf(journalStream(caseId))).length).toBe(before);

    const reads = (await streamOf(accessLogStream(personId))).length;
    const log = await t.request('GET', `/api/v1/cases/${caseId}/contacts`, { token: world.tokens.worker });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ caseId, personId });
    expect(log.body.contacts).toEqual([
      expect.objectContaining({ contactId: call.body.id, kind: 'phone', parties: [], outcome: 'Bekreftet neste besøk.', authorName: 'sa.saksbehandler' }),
      expect.objectContaining({
        contactId: first.body.id,
        kind: 'home_visit',
        parties: ['nav', 'landlord'],
        durationMinutes: 45,
        nextPlannedOn: addDays(today, 7),
        authorRole: 'case_worker',
      }),
    ]);
    const records = await streamOf(accessLogStream(personId));
    expect(records.slice(reads).map((r) => (r.data as { view: string }).view)).toEqual(['contacts']);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/contacts`, { token: outsider })).status).toBe(403);

    // The caseload of the contact person (named on the case at move-in), any case of the name.
    const caseload = await t.request('GET', `/api/v1/caseload?contactPerson=${encodeURIComponent('ola MILJØTERAPEUT')}&minPosition=${call.body.position}`, {
      token: world.tokens.worker,
    });
    expect(caseload.status).toBe(200);
    const lastDay = calendarDateIn(new Date(Date.now() - 3_600_000), 'Europe/Oslo');
    expect(caseload.body.entries).toEqual([
      expect.objectContaining({
        caseId,
        name: { givenName: 'Nora', familyName: 'Natt' },
        status: 'moved_out',
        lastContact: expect.objectContaining({ kind: 'phone', on: lastDay }),
        daysSinceContact: lastDay === today ? 0 : 1,
        // The visit planned the next one; the call after it planned none, so the visit's plan stands.
        nextPlannedOn: addDays(today, 7),
      }),
    ]);
    expect(JSON.stringify(caseload.body)).not.toContain('Bekreftet');
    const names = await t.request('GET', '/api/v1/caseload/contact-persons', { token: world.tokens.worker });
    expect(names.body.contactPersons).toContain('Ola Miljøterapeut');
    expect((await t.request('GET', `/api/v1/caseload?contactPerson=Ola%20Milj%C3%B8terapeut`, { token: outsider })).body.entries).toEqual([]);
    expect((await t.request('GET', `/api/v1/caseload?contactPerson=Ola&facilityId=${world.homeId}`, { token: outsider })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/caseload', { token: world.tokens.worker })).status).toBe(400);

    // What came of it is personal data: encrypted in the stream.
    expect(JSON.stringify((await streamOf(journalStream(caseId))).map((e) => e.data))).not.toContain('husleia');
  });

  it('records an incident in ambulant follow-up (no unit), which the shift handover lists', async () => {
    const post = (path: string, body: object) => t.request('POST', `/api/v1/cases/${caseId}/${path}`, { token: world.tokens.worker, body });
    const enrolled = await post('ambulant/enrol', { on: today, contactModes: ['home_visits'] });
    expect(enrolled.status).toBe(201);
    const incident = await post('incidents', { on: today, kind: 'police_callout', severity: 'medium', description: 'Politiet ringte om bråk i leiligheten' });
    expect(incident.status).toBe(201);
    const recorded = (await streamOf(`case-${caseId}`)).find(
      (e) => e.type === 'IncidentRecorded' && (e.data as { incidentId: string }).incidentId === incident.body.id,
    )!;
    expect(recorded.data).not.toHaveProperty('unitId');
    const handover = await t.request(
      'GET',
      `/api/v1/facilities/${world.homeId}/handover?since=${encodeURIComponent(hoursAgo(1))}&minPosition=${incident.body.position}`,
      {
        token: world.tokens.worker,
      },
    );
    expect(handover.status).toBe(200);
    expect(handover.body.incidents).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, incidentId: incident.body.id, kind: 'police_callout' })]),
    );
  });

  it('reads a forgotten person’s notes as forgotten: versions and dates stay, the text is gone', async () => {
    const forgotten = await t.request('POST', `/api/v1/people/${personId}/forget`, {
      token: world.tokens.admin,
      body: { legalBasis: 'gdpr_art_17_consent_withdrawn', on: today },
    });
    expect(forgotten.status).toBe(200);
    const journal = await t.request('GET', `/api/v1/cases/${caseId}/notes`, { token: auditor });
    expect(journal.status).toBe(200);
    expect(journal.body.notes).toHaveLength(2);
    for (const n of journal.body.notes) {
      expect(n).toMatchObject({ text: null, forgotten: true, name: null });
      for (const v of n.versions) expect(v.text).toBeNull();
    }
    expect(journal.body.notes[1].versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await t.request('GET', `/api/v1/notes?q=vaktrommet`, { token: world.tokens.worker })).body.notes).toEqual([]);
    const contacts = await t.request('GET', `/api/v1/cases/${caseId}/contacts`, { token: auditor });
    expect(contacts.body.contacts).toHaveLength(2);
    for (const c of contacts.body.contacts) expect(c).toMatchObject({ outcome: null });
    const refused = await note({ about: hoursAgo(1), category: 'observation', text: 'Etter glemselen' });
    expect(refused.status).toBe(422);
  });
});
