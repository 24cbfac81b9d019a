import { addDays, addMonths, addYears, agreementLimit, CaseStatus, IsoDate, LeaseTerms } from '@app/domain';
import { CaseScript, DecisionText, PeopleFactory, PersonWish, ReferralInput } from '@app/domain/scenarios';
import { uuidV5 } from '../platform/ids';
import { DEMO_FACILITIES, FacilityKey } from './demo-facilities';

/**
 * The demo's cases: every stage of the lifecycle in every facility, spread over the last twelve months
 * counted back from `today`. Texts are in Norwegian, as the staff who use the system write them. All
 * people, referrers and events are made up. Written with the domain's scenario builder
 * (libs/domain/src/scenarios); demo-seed.ts runs them through the application.
 */
export function buildScenarios(today: IsoDate, people: PeopleFactory): CaseScript[] {
  const d = (daysAgo: number): IsoDate => addDays(today, -daysAgo);
  const scripts: CaseScript[] = [];
  let seq = 0;
  const options = (expected: CaseStatus) => ({ ids: (name: string) => uuidV5(`demo:${name}`), sequence: () => seq++, expected });
  const script = (key: string, facility: FacilityKey, expected: CaseStatus, wish: PersonWish = {}, personKey = key) => {
    const s = new CaseScript(key, people.get(personKey, wish).key, DEMO_FACILITIES[facility], options(expected));
    scripts.push(s);
    return s;
  };

  const temporaryEnd = (startsOn: IsoDate) => agreementLimit('temporary_agreement', startsOn, DEMO_FACILITIES.bolig_nu.profile.maxStayDays)!;
  const serviceEnd = (startsOn: IsoDate, months = 12) => addMonths(startsOn, months);
  const careLease = (noticeOn: IsoDate): LeaseTerms => ({
    specialTermsHusll11_1: true,
    writtenNoticeGivenOn: noticeOn,
    writtenNoticeStatesFewerRights: true,
    indefinite: true,
  });
  const ordinaryLease: LeaseTerms = { specialTermsHusll11_1: false, indefinite: true };

  // ───────────────────────── Bolig Nu, Bodø: temporary housing, at most 3 months ─────────────────────────
  const navBodo = (reason: string, extra: Partial<ReferralInput> = {}): ReferralInput => ({
    source: 'nav',
    referrer: { name: 'Marit Solberg', organisation: 'NAV Bodø', phone: '75 00 00 01' },
    reason,
    screening: { coOccurringDisorder: false },
    ...extra,
  });
  const bnGrant: DecisionText = {
    facts: 'Står uten bolig og klarer ikke å skaffe midlertidig bolig selv. Innenfor målgruppen for Bolig Nu.',
    considerations: 'Kommunen skal finne midlertidig botilbud for dem som ikke klarer det selv. Bolig Nu gir bo- og oppfølgingsavtale i inntil 3 måneder.',
    notifiedAfterDays: 0,
  };
  const bnAccepted = 'Innenfor målgruppen; trenger midlertidig bolig mens varig bolig søkes';

  script('bn-near-limit', 'bolig_nu', 'resident', { gender: 'male', age: 34 })
    .refer(d(88), navBodo('Utkastet etter husleierestanse; bor hos venner fra natt til natt'))
    .meeting(d(86), 'accepted', bnAccepted)
    .grant(d(86), bnGrant)
    .offer(d(85), 3)
    .acceptOffer(d(84))
    .moveIn(d(83), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(83)) } })
    .risk(d(80), 'ROS: lav risiko; ingen kjent vold eller trusler', [])
    .incident(d(52), 'house_rule_breach', 'low', 'Besøk etter kl. 23 i strid med husordensreglene', { on: d(51), reason: 'Brudd på regler for besøk' })
    .incident(d(30), 'house_rule_breach', 'medium', 'Gjentatt nattbesøk og bråk i fellesarealet', { on: d(29), reason: 'Gjentatt brudd på husordensreglene' })
    .actionPlan(d(20), [
      {
        goal: 'Finne privat leilighet før avtalen utløper',
        measure: 'Søke på annonser hver uke sammen med miljøarbeider',
        responsible: 'Beboer og miljøarbeider',
      },
    ]);

  script('bn-away', 'bolig_nu', 'resident', { gender: 'female', age: 27 })
    .refer(d(45), {
      source: 'correctional_service',
      referrer: { name: 'Per Haugen', organisation: 'Kriminalomsorgen, Bodø fengsel' },
      reason: 'Løslates uten bolig å gå til',
      screening: { coOccurringDisorder: false },
    })
    .meeting(d(42), 'accepted', bnAccepted)
    .grant(d(42), bnGrant)
    .offer(d(40), 2)
    .acceptOffer(d(39))
    .moveIn(d(38), { agreement: { kind: 'temporary_agreement', endsOn: addDays(d(38), 60) } })
    .absence(d(2), 'unagreed', d(4));

  script('bn-extended', 'bolig_nu', 'resident', { gender: 'male', age: 45 })
    .refer(d(60), navBodo('Samlivsbrudd; står uten bopel', { source: 'self', referrer: { name: 'Selvhenvist' } }))
    .meeting(d(57), 'accepted', bnAccepted)
    .grant(d(57), bnGrant)
    .offer(d(55), 3)
    .acceptOffer(d(54))
    .moveIn(d(53), { agreement: { kind: 'temporary_agreement', endsOn: addDays(d(53), 45) } })
    .absence(d(25), 'hospital_admission', d(26))
    .returned(d(21))
    .extend(d(12), temporaryEnd(d(53)));

  script('bn-over-limit', 'bolig_nu', 'resident', { gender: 'male', age: 52 })
    .refer(d(110), {
      source: 'specialist_health_service',
      referrer: { name: 'Lene Moe', organisation: 'Nordlandssykehuset, rusbehandling' },
      reason: 'Utskrives fra rusbehandling; LAR-pasient med god rusmestring, uten bolig',
      screening: { coOccurringDisorder: false },
    })
    .meeting(d(107), 'accepted', bnAccepted)
    .grant(d(107), bnGrant)
    .offer(d(105), 3)
    .acceptOffer(d(104))
    .moveIn(d(103), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(103)) } })
    .risk(d(100), 'ROS: lav risiko; stabil i LAR', [])
    .extend(
      d(20),
      addDays(d(103), 120),
      'Tildelt kommunal leilighet med innflytting om tre uker; flytting til hospits i mellomtiden ville bryte LAR-oppfølgingen',
    );

  script('bn-new', 'bolig_nu', 'resident', { gender: 'female', age: 23 })
    .refer(d(16), navBodo('Ung kvinne uten bolig etter brudd med foreldrehjemmet'))
    .meeting(d(12), 'waitlisted', 'Innenfor målgruppen; ingen ledig plass i dag', 2)
    .grant(d(11), bnGrant)
    .offer(d(9), 2)
    .acceptOffer(d(9))
    .moveIn(d(8), { agreement: { kind: 'temporary_agreement', endsOn: addDays(d(8), 30) } });

  script('bn-female-2', 'bolig_nu', 'resident', { gender: 'female', age: 38 })
    .refer(d(30), navBodo('Samlivsbrudd; har bodd på hospits i to uker'))
    .meeting(d(27), 'accepted', bnAccepted)
    .grant(d(27), bnGrant)
    .offer(d(25), 3)
    .acceptOffer(d(24))
    .moveIn(d(23), { agreement: { kind: 'temporary_agreement', endsOn: addDays(d(23), 60) } })
    .crisisPlan(d(15), 'Ved oppsøk fra tidligere samboer: ring vakttelefonen og politiet; kriseteamet følger opp');

  script('bn-offered', 'bolig_nu', 'offered', { gender: 'male', age: 29 })
    .refer(d(34), navBodo('Bor på hospits for NAVs regning; akutt behov'))
    .meeting(d(31), 'waitlisted', 'Akutt behov; først på listen når plass blir ledig', 1)
    .grant(d(30), bnGrant)
    .offer(d(2), 5);

  script('bn-wait-18', 'bolig_nu', 'waitlisted', { gender: 'male', birthDate: addDays(addYears(d(21), -18), -25) })
    .refer(d(21), navBodo('Ung over 18 år som ikke lenger har botilbud i foreldrehjemmet'))
    .meeting(d(18), 'waitlisted', 'Innenfor målgruppen (fylt 18 år); venter på ledig plass', 2);

  script('bn-wait-declined', 'bolig_nu', 'waitlisted', { gender: 'male', age: 41 })
    .refer(d(64), navBodo('Utkastet fra kommunal bolig; sover hos bekjente'))
    .meeting(d(60), 'waitlisted', 'Innenfor målgruppen; venter på plass', 3)
    .grant(d(58), bnGrant)
    .offer(d(45), 7)
    .declineOffer(d(43), 'Ønsker ikke å bo i sentrum, nær tidligere rusmiljø');

  script('bn-wait-4', 'bolig_nu', 'waitlisted', { gender: 'other', age: 31 })
    .refer(d(10), navBodo('Må flytte ut av hybel innen to uker', { source: 'self', referrer: { name: 'Selvhenvist' } }))
    .meeting(d(7), 'waitlisted', 'Har midlertidig tak over hodet i to uker; lavere prioritet', 4);

  script('bn-withdrawn', 'bolig_nu', 'withdrawn', { gender: 'male', age: 36 })
    .refer(d(75), navBodo('Står uten bolig etter salg av utleieboligen'))
    .meeting(d(72), 'waitlisted', 'Innenfor målgruppen; venter på plass', 3)
    .withdraw(d(40), 'found_housing_themselves', 'Fikk privat hybel via en bekjent');

  script('bn-refused', 'bolig_nu', 'refused', { gender: 'male', age: 58 })
    .refer(d(14), navBodo('Bostedsløs etter sykehusopphold; svært redusert gangfunksjon'))
    .meeting(d(10), 'refused', 'Omfattende pleiebehov; brannkonseptet forutsetter at beboerne kan bringe seg selv i sikkerhet')
    .refuse(d(9), {
      facts: 'Har omfattende pleiebehov og kan ikke bringe seg selv i sikkerhet ved brann (brannteknisk rapport, risikoklasse 4).',
      considerations: 'Bolig Nu er ikke forsvarlig for eldre og syke med pleiebehov. Saken er oversendt hjemmetjenesten for vurdering av annet botilbud.',
      notifiedAfterDays: 1,
    });

  script('bn-private', 'bolig_nu', 'moved_out', { gender: 'male', age: 33 })
    .refer(d(130), navBodo('Kastet ut fra bolig etter husleierestanse'))
    .meeting(d(127), 'accepted', bnAccepted)
    .grant(d(127), bnGrant)
    .offer(d(125), 3)
    .acceptOffer(d(124))
    .moveIn(d(120), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(120)) } })
    .moveOut(d(75), 'private_rental', 'completed')
    .startFollowUp(d(75), ['visits', 'phone'], [{ goal: 'Betale husleie hver måned', measure: 'Fast trekk fra NAV', responsible: 'Beboer og NAV-veileder' }]);

  script('bn-transit', 'bolig_nu', 'moved_out', { gender: 'male', age: 28 })
    .refer(d(210), {
      source: 'specialist_health_service',
      referrer: { name: 'Tor Eide', organisation: 'Nordlandssykehuset, psykiatrisk avdeling' },
      reason: 'Permisjon fra døgnbehandling; trenger overnatting i permisjonen',
      screening: { coOccurringDisorder: false },
    })
    .meeting(d(208), 'accepted', 'Transittopphold i permisjonen')
    .grant(d(208), bnGrant)
    .offer(d(206), 2)
    .acceptOffer(d(206))
    .moveIn(d(205), { agreement: { kind: 'temporary_agreement', endsOn: addDays(d(205), 14) } })
    .moveOut(d(193), 'transit', 'completed');

  script('bn-institution', 'bolig_nu', 'moved_out', { gender: 'male', age: 39 })
    .refer(d(170), navBodo('Bostedsløs; venter på plass i døgnbehandling (TSB)'))
    .meeting(d(168), 'accepted', bnAccepted)
    .grant(d(168), bnGrant)
    .offer(d(166), 2)
    .acceptOffer(d(165))
    .moveIn(d(164), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(164)) } })
    .risk(d(140), 'ROS: noe uro og forvirring i perioder; tettere tilsyn på kveldstid', ['confused', 'irritable'])
    .moveOut(d(110), 'institution', 'completed');

  script('bn-excluded', 'bolig_nu', 'moved_out', { gender: 'male', age: 31 })
    .refer(d(80), navBodo('Bor i bil; mistet bolig etter samlivsbrudd'))
    .meeting(d(77), 'accepted', bnAccepted)
    .grant(d(77), bnGrant)
    .offer(d(75), 2)
    .acceptOffer(d(74))
    .moveIn(d(73), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(73)) } })
    .incident(d(55), 'substance_use_in_common_areas', 'medium', 'Rusbruk i fellesarealet', { on: d(54), reason: 'Rusbruk i fellesarealer er ikke tillatt' })
    .incident(d(40), 'house_rule_breach', 'medium', 'Ulovlig overnattingsbesøk og bråk om natten', { on: d(39), reason: 'Gjentatte brudd på husordensreglene' })
    .incident(d(25), 'ambulance_callout', 'high', 'Overdose på rommet; personalet ga nalokson, ambulanse tilkalt')
    .risk(d(24), 'ROS etter overdose: høy risiko for ny overdose; urolig og irritabel', ['irritable', 'boisterous'])
    .exclude(
      d(14),
      ['extensive_substance_use', 'repeated_house_rule_breaches'],
      'Omfattende rusbruk med overdose og gjentatte brudd på husordensreglene til tross for to advarsler. Samlet vurdert er tilbudet ikke forsvarlig for ham nå.',
      d(10),
      {
        facts: 'Advarsler 54 og 39 dager før vedtaket; overdose med ambulanse 25 dager før vedtaket.',
        considerations: 'Beboerens og de andre beboernes sikkerhet; Bolig Nu kan ikke gi den helsehjelpen han trenger nå.',
      },
    )
    .moveOut(d(10), 'shelter_or_guesthouse', 'excluded');

  script('bn-municipal', 'bolig_nu', 'closed', { gender: 'female', age: 50 })
    .refer(d(250), navBodo('Står uten bolig etter at utleier sa opp leieforholdet'))
    .meeting(d(247), 'accepted', bnAccepted)
    .grant(d(247), bnGrant)
    .offer(d(246), 2)
    .acceptOffer(d(245))
    .moveIn(d(244), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(244)) } })
    .moveOut(d(160), 'municipal_housing', 'completed')
    .startFollowUp(
      d(160),
      ['home_visits', 'phone'],
      [{ goal: 'Etablere seg i ny leilighet', measure: 'Hjemmebesøk annenhver uke', responsible: 'Miljøarbeider Bolig Nu' }],
    )
    .endFollowUp(d(68), 'Bor stabilt i kommunal leilighet; videre oppfølging fra hjemmetjenesten')
    .close(d(66), 'Oppfølgingsperioden er over');

  // The same person twice: left for a private flat, and is referred again within twelve months.
  script('bn-return-first', 'bolig_nu', 'closed', { gender: 'male', age: 35 }, 'returning')
    .refer(d(335), navBodo('Bostedsløs etter utkastelse'))
    .meeting(d(333), 'accepted', bnAccepted)
    .grant(d(333), bnGrant)
    .offer(d(332), 2)
    .acceptOffer(d(331))
    .moveIn(d(330), { agreement: { kind: 'temporary_agreement', endsOn: temporaryEnd(d(330)) } })
    .moveOut(d(280), 'private_rental', 'completed')
    .startFollowUp(d(280), ['visits', 'phone'], [{ goal: 'Beholde hybelen', measure: 'Telefon hver uke', responsible: 'Miljøarbeider Bolig Nu' }], {
      offered: true,
      accepted: false,
    })
    .endFollowUp(d(190), 'Klarer seg i egen hybel')
    .close(d(188), 'Oppfølgingsperioden er over');

  script('bn-referred', 'bolig_nu', 'referred', { gender: 'female', age: 26 }).refer(
    d(2),
    navBodo('Utkastet etter husleierestanse i går; ingen steder å sove'),
  );

  // ─────────────── Melhus, Idrettsveien: service agreement first, a lease when it works ───────────────
  const melhusHealth = (reason: string): ReferralInput => ({
    source: 'health_and_social_office',
    referrer: { name: 'Anne Lunde', organisation: 'Psykisk helse og rus, Melhus kommune' },
    reason,
  });
  const meGrant: DecisionText = {
    facts: 'Sammensatte rus- og psykiske lidelser; har ikke klart å bo i ordinær bolig.',
    considerations: 'Trenger bolig med døgnbemannet personalbase. Innflytting med bo- og tjenesteavtale i inntil ett år.',
  };
  const meAccepted = 'Tilbys leilighet i Idrettsveien med bo- og tjenesteavtale';

  script('me-ends-soon', 'melhus', 'resident', { gender: 'male', age: 48 })
    .refer(d(360), melhusHealth('Bostedsløs etter langvarig innleggelse'))
    .meeting(d(356), 'accepted', meAccepted)
    .grant(d(355), meGrant)
    .offer(d(352), 3)
    .acceptOffer(d(351))
    .moveIn(d(350), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(350)) } })
    .risk(d(349), 'ROS ved innflytting: moderat konfliktrisiko', ['irritable'])
    .incident(d(200), 'damage', 'medium', 'Knust dør på badet', { on: d(199), reason: 'Skade på leiligheten' })
    .contactPersons(d(150), ['Primærkontakt (vernepleier)', 'Sekundærkontakt (sykepleier)'])
    .actionPlan(d(40), [
      { goal: 'Avklare videre botilbud før avtalen utløper', measure: 'Møte om husleiekontrakt eller annet tilbud', responsible: 'Teamleder' },
    ]);

  script('me-lease', 'melhus', 'resident', { gender: 'female', age: 42 })
    .refer(d(320), { ...melhusHealth('Uten fast bolig; mange korte innleggelser'), source: 'nav', referrer: { name: 'Jon Berg', organisation: 'NAV Melhus' } })
    .meeting(d(316), 'accepted', meAccepted)
    .grant(d(315), meGrant)
    .offer(d(312), 3)
    .acceptOffer(d(311))
    .moveIn(d(310), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(310)) } })
    .incident(d(250), 'house_rule_breach', 'low', 'Musikk høyt om natten')
    .convertToLease(d(125), d(120), careLease(d(135)))
    .absence(d(60), 'agreed', d(60))
    .returned(d(50));

  script('me-incidents', 'melhus', 'resident', { gender: 'male', age: 30 })
    .refer(d(140), {
      source: 'specialist_health_service',
      referrer: { name: 'Kristin Aasen', organisation: 'St. Olavs hospital, ACT-teamet' },
      reason: 'Utskrevet fra DPS; ustabil bosituasjon',
    })
    .meeting(d(135), 'accepted', meAccepted)
    .grant(d(134), meGrant)
    .offer(d(131), 3)
    .acceptOffer(d(130))
    .moveIn(d(128), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(128), 6) } })
    .risk(d(127), 'ROS ved innflytting: moderat risiko ved rus', ['irritable'])
    .incident(d(100), 'threat_or_violence', 'high', 'Truet nabo i trappeoppgangen', { on: d(99), reason: 'Trusler mot nabo' })
    .incident(d(99), 'police_callout', 'high', 'Politiet rykket ut etter truslene')
    .risk(d(95), 'ROS etter trusler: høy risiko; to ansatte ved hjemmebesøk', ['irritable', 'boisterous', 'verbalThreats', 'physicalThreats'])
    .crisisPlan(d(94), 'Ved økende uro: to ansatte, kontakt ACT-teamet; ved trusler ring politiet')
    .incident(d(45), 'substance_use_in_common_areas', 'medium', 'Rusbruk på aktivitetsloftet')
    .risk(d(30), 'ROS: roligere; moderat risiko', ['irritable']);

  script('me-transfer', 'melhus', 'resident', { gender: 'male', age: 55 })
    .refer(d(225), melhusHealth('Bostedsløs; sammensatte lidelser'))
    .meeting(d(221), 'accepted', meAccepted)
    .grant(d(220), meGrant)
    .offer(d(217), 3)
    .acceptOffer(d(216))
    .moveIn(d(215), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(215)) } })
    .incident(d(120), 'damage', 'medium', 'Vannlekkasje fra badet etter knust servant')
    .transfer(d(62), 'Flyttet til forsterket leilighet i første etasje etter gjentatte skader');

  script('me-from-mapping', 'melhus', 'resident', { gender: 'female', age: 36 })
    .refer(d(250), {
      ...melhusHealth('Usikker boevne etter mange år i institusjon'),
      source: 'nav',
      referrer: { name: 'Jon Berg', organisation: 'NAV Melhus' },
    })
    .meeting(d(246), 'needs_mapping', 'Usikker boevne; kartlegging i korttidsbolig')
    .startMapping(d(240), addMonths(d(240), 2), true)
    .endMapping(d(185), 'Klarer å bo med daglig oppfølging; ønsker å bli i Idrettsveien')
    .meeting(d(183), 'accepted', meAccepted)
    .grant(d(182), meGrant)
    .offer(d(180), 3)
    .acceptOffer(d(179))
    .moveIn(d(178), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(178)) } })
    .risk(d(170), 'ROS: lav risiko', []);

  script('me-offer-accepted', 'melhus', 'offer_accepted', { gender: 'male', age: 40 })
    .refer(d(40), {
      source: 'specialist_health_service',
      referrer: { name: 'Kristin Aasen', organisation: 'St. Olavs hospital, ACT-teamet' },
      reason: 'Skrives ut fra døgnbehandling om to uker',
    })
    .meeting(d(33), 'accepted', meAccepted)
    .grant(d(32), meGrant)
    .offer(d(6), 7)
    .acceptOffer(d(3));

  script('me-mapping', 'melhus', 'mapping', { gender: 'male', age: 24 })
    .refer(d(35), {
      source: 'nav',
      referrer: { name: 'Jon Berg', organisation: 'NAV Melhus' },
      reason: 'Ung voksen med ROP-lidelse, utskrevet fra DPS uten bolig',
    })
    .meeting(d(30), 'needs_mapping', 'Kartlegging av boferdigheter i korttidsbolig')
    .startMapping(d(25), addMonths(d(25), 2), true);

  script('me-mapped', 'melhus', 'in_assessment', { gender: 'female', age: 46 })
    .refer(d(110), melhusHealth('Bor hos mor; økende konflikter'))
    .meeting(d(105), 'needs_mapping', 'Kartlegging av ønsker og tjenestebehov hjemme')
    .startMapping(d(100), addDays(d(100), 60), false)
    .endMapping(d(30), 'Kartlegging av boferdigheter og tjenestebehov fullført; tas opp i neste møte i vurderingsteamet');

  script('me-waitlisted', 'melhus', 'waitlisted', { gender: 'male', age: 50 })
    .refer(d(70), melhusHealth('Trenger leilighet på bakkeplan'))
    .meeting(d(65), 'accepted', meAccepted)
    .grant(d(64), meGrant)
    .waitlist(d(64), 3);

  script('me-ambulant', 'melhus', 'ambulant', { gender: 'female', age: 37 })
    .refer(d(200), melhusHealth('Har kommunal leilighet; trenger tett oppfølging'))
    .meeting(d(195), 'accepted', 'Ønsker å bo i egen leilighet med ambulant oppfølging fra Idrettsveien')
    .grant(d(194), { ...meGrant, considerations: 'Ambulant oppfølging i egen bolig fra tjenesten i Idrettsveien.' })
    .enrolAmbulant(d(190), ['home_visits', 'phone'])
    .actionPlan(d(120), [{ goal: 'Delta i aktiviteter', measure: 'Aktivitetsloftet to dager i uken', responsible: 'Kontaktperson' }])
    .risk(d(60), 'ROS: lav risiko', [])
    .contactPersons(d(50), ['Ambulant miljøterapeut']);

  script('me-other-municipality', 'melhus', 'moved_out', { gender: 'male', age: 33 })
    .refer(d(300), melhusHealth('Bostedsløs etter utkastelse'))
    .meeting(d(296), 'accepted', meAccepted)
    .grant(d(295), meGrant)
    .offer(d(293), 3)
    .acceptOffer(d(292))
    .moveIn(d(290), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(290)) } })
    .absence(d(215), 'unagreed', d(220))
    .returned(d(212))
    .moveOut(d(200), 'other_municipality', 'left_voluntarily');

  script('me-excluded', 'melhus', 'moved_out', { gender: 'male', age: 44 })
    .refer(d(290), melhusHealth('Bostedsløs; mange brudd i tidligere botilbud'))
    .meeting(d(286), 'accepted', meAccepted)
    .grant(d(285), meGrant)
    .offer(d(283), 3)
    .acceptOffer(d(282))
    .moveIn(d(281), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(281)) } })
    .incident(d(220), 'house_rule_breach', 'medium', 'Gjentatt bråk på natten', { on: d(219), reason: 'Brudd på husordensreglene' })
    .incident(d(180), 'threat_or_violence', 'high', 'Truet ansatt og slo i veggen', { on: d(179), reason: 'Trusler mot ansatt' })
    .risk(d(178), 'ROS: høy risiko i bofellesskapet', ['irritable', 'verbalThreats', 'attackingObjects'])
    .exclude(
      d(140),
      ['repeated_house_rule_breaches', 'violence_or_threats'],
      'Bofellesskapet fungerer ikke for ham: gjentatte brudd og trusler til tross for advarsler. Han skal få et annet tilpasset botilbud.',
      d(126),
      {
        facts: 'To advarsler; trusler mot ansatt.',
        considerations: 'Sikkerheten for ansatte og andre beboere; et småhus med ambulant oppfølging passer bedre.',
      },
    )
    .alternativeOffered(d(134), 'municipal_housing', 'Kommunalt småhus med ambulant oppfølging fra Idrettsveien')
    .moveOut(d(126), 'municipal_housing', 'excluded')
    .startFollowUp(
      d(126),
      ['home_visits', 'phone'],
      [{ goal: 'Etablere seg i småhuset', measure: 'Hjemmebesøk to ganger i uken', responsible: 'Ambulant team' }],
    )
    .endFollowUp(d(35), 'Bor i småhuset; ambulant oppfølging videreføres');

  // ─────────────── Bodø, Hålogalandsgata: permanent homes, staffed around the clock ───────────────
  const hgHealth = (reason: string): ReferralInput => ({
    source: 'health_and_social_office',
    referrer: { name: 'Siri Nygård', organisation: 'Oppfølgingstjenesten psykisk helse og rus, Bodø' },
    reason,
  });
  const hgGrant: DecisionText = {
    facts: 'Vedvarende rusmiddelproblematikk og alvorlig psykisk lidelse; har bodd på hospits og i campinghytte.',
    considerations: 'Trenger varig bolig med heldøgns tjenester. Husleiekontrakt med særlige vilkår for omsorgsbolig.',
  };
  const hgAccepted = 'Tildeles varig bolig med heldøgns tjenester';

  script('hg-returning', 'bodo_hg', 'referred', {}, 'returning')
    .refer(d(20), hgHealth('Mistet den private hybelen; bor på hospits; økende rusbruk og psykisk forverring'))
    .risk(d(15), 'ROS før eventuell innflytting: verbale trusler mot hospitseier', ['irritable', 'verbalThreats']);

  script('hg-long', 'bodo_hg', 'resident', { gender: 'male', age: 46 })
    .refer(d(362), hgHealth('Bostedsløs, bodd i campinghytte; aktiv rus og alvorlig psykisk lidelse'))
    .risk(d(358), 'ROS før innflytting: konfliktnivå med andre beboere vurdert', ['irritable', 'boisterous'])
    .meeting(d(355), 'accepted', hgAccepted)
    .grant(d(354), hgGrant)
    .offer(d(352), 3)
    .acceptOffer(d(351))
    .moveIn(d(349), { agreement: { kind: 'lease', leaseTerms: careLease(d(352)) } })
    .incident(d(300), 'police_callout', 'medium', 'Politiet tilkalt etter krangel med besøkende', { on: d(299), reason: 'Besøkende som nektet å gå' })
    .incident(d(240), 'threat_or_violence', 'high', 'Truet ansatt med flaske', { on: d(239), reason: 'Trusler mot ansatt' })
    .risk(d(238), 'ROS: høy risiko; to ansatte inn i leiligheten', ['irritable', 'boisterous', 'verbalThreats', 'attackingObjects'])
    .absence(d(230), 'hospital_admission', d(231))
    .returned(d(200))
    .risk(d(150), 'ROS: moderat risiko etter utskrivning', ['irritable'])
    .incident(d(90), 'fire_callout', 'medium', 'Brannalarm utløst av røyking i leiligheten; brannvesenet rykket ut')
    .crisisPlan(d(88), 'Ved forverring: legevakt og ACT-teamet; røykfri soverom og komfyrvakt')
    .risk(d(30), 'ROS: lav risiko, stabil periode', []);

  script('hg-callouts', 'bodo_hg', 'resident', { gender: 'female', age: 39 })
    .refer(d(290), {
      source: 'specialist_health_service',
      referrer: { name: 'Tor Eide', organisation: 'Nordlandssykehuset, psykiatrisk avdeling' },
      reason: 'Mange korte innleggelser; ingen bolig',
    })
    .risk(d(287), 'ROS før innflytting: lav risiko for vold; høy overdoserisiko', [])
    .meeting(d(284), 'accepted', hgAccepted)
    .grant(d(283), hgGrant)
    .offer(d(281), 3)
    .acceptOffer(d(280))
    .moveIn(d(278), { agreement: { kind: 'lease', leaseTerms: careLease(d(281)) } })
    .incident(d(210), 'ambulance_callout', 'high', 'Overdose; personalet ga nalokson før ambulansen kom')
    .incident(d(140), 'ambulance_callout', 'medium', 'Fall i trappen i ruspåvirket tilstand')
    .contactPersons(d(100), ['Primærkontakt (sykepleier)', 'Sekundærkontakt (miljøterapeut)'])
    .incident(d(60), 'fire_callout', 'low', 'Glemt kokeplate; brannvesenet rykket ut');

  script('hg-exclusion-pending', 'bodo_hg', 'resident', { gender: 'male', age: 34 })
    .refer(d(215), {
      source: 'correctional_service',
      referrer: { name: 'Per Haugen', organisation: 'Kriminalomsorgen, Bodø fengsel' },
      reason: 'Løslates; aktiv rus og psykoselidelse',
    })
    .risk(d(212), 'ROS før innflytting: høy voldsrisiko ved rus', ['irritable', 'verbalThreats', 'physicalThreats'])
    .meeting(d(208), 'accepted', hgAccepted)
    .grant(d(207), hgGrant)
    .offer(d(205), 3)
    .acceptOffer(d(204))
    .moveIn(d(202), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(202)) } })
    .incident(d(150), 'threat_or_violence', 'medium', 'Verbale trusler mot medbeboer', { on: d(149), reason: 'Trusler mot medbeboer' })
    .incident(d(70), 'threat_or_violence', 'high', 'Slo en medbeboer i fellesstua', { on: d(69), reason: 'Vold mot medbeboer' })
    .incident(d(69), 'police_callout', 'high', 'Politiet rykket ut etter voldsepisoden')
    .incident(d(10), 'threat_or_violence', 'high', 'Ny voldsepisode; slo etter ansatt')
    .exclude(
      d(4),
      ['violence_or_threats'],
      'Gjentatt vold mot medbeboer og ansatt etter to advarsler. Samlet vurdert kan tilbudet ikke gis forsvarlig her; annet botilbud skal tilbys.',
      d(-17),
      { facts: 'Vold 70 og 10 dager før vedtaket; advarsler 149 og 69 dager før.', considerations: 'Sikkerheten for medbeboere og ansatte veier tyngst.' },
    );

  script('hg-new', 'bodo_hg', 'resident', { gender: 'male', age: 57 })
    .refer(d(45), hgHealth('Har bodd på hospits i to år'))
    .risk(d(40), 'ROS før innflytting: lav risiko', [])
    .meeting(d(38), 'accepted', hgAccepted)
    .grant(d(37), hgGrant)
    .offer(d(35), 3)
    .acceptOffer(d(34))
    .moveIn(d(30), { agreement: { kind: 'lease', leaseTerms: careLease(d(35)) } });

  script('hg-agreed-absence', 'bodo_hg', 'resident', { gender: 'male', age: 49 })
    .refer(d(100), hgHealth('Bostedsløs etter brann i tidligere bolig'))
    .meeting(d(96), 'accepted', hgAccepted)
    .grant(d(95), hgGrant)
    .offer(d(93), 3)
    .acceptOffer(d(92))
    .moveIn(d(90), { agreement: { kind: 'lease', leaseTerms: careLease(d(93)) } })
    .absence(d(40), 'agreed', d(40))
    .returned(d(33));

  script('hg-quiet', 'bodo_hg', 'resident', { gender: 'female', age: 52 })
    .refer(d(205), {
      source: 'specialist_health_service',
      referrer: { name: 'Tor Eide', organisation: 'Nordlandssykehuset, psykiatrisk avdeling' },
      reason: 'Utskrives etter lang innleggelse',
    })
    .meeting(d(200), 'accepted', hgAccepted)
    .grant(d(199), hgGrant)
    .offer(d(197), 3)
    .acceptOffer(d(196))
    .moveIn(d(195), { agreement: { kind: 'lease', leaseTerms: careLease(d(197)) } })
    .actionPlan(d(100), [{ goal: 'Fellesmåltider', measure: 'Spise middag i fellesstua tre dager i uken', responsible: 'Beboer og kontaktperson' }])
    .contactPersons(d(80), ['Primærkontakt (miljøterapeut)']);

  script('hg-accepted', 'bodo_hg', 'accepted', { gender: 'male', age: 41 })
    .refer(d(9), hgHealth('Bostedsløs; aktiv rus'))
    .risk(d(6), 'ROS før innflytting: moderat risiko', ['boisterous'])
    .meeting(d(3), 'accepted', 'Tas inn når vedtak er fattet');

  script('hg-appeal-received', 'bodo_hg', 'refused', { gender: 'male', age: 38 })
    .refer(d(60), { ...hgHealth('Ønsker plass i Hålogalandsgata'), source: 'self', referrer: { name: 'Selvhenvist' } })
    .meeting(d(45), 'refused', 'Behovet dekkes best med ambulant oppfølging i egen bolig')
    .refuse(d(44), {
      facts: 'Har egen kommunal leilighet og klarer seg der med oppfølging.',
      considerations: 'Heldøgns bolig er for dem som ikke kan bo i egen bolig med ambulante tjenester.',
      notifiedAfterDays: 1,
    })
    .appeal(d(20));

  script('hg-withdrawn-closed', 'bodo_hg', 'closed', { gender: 'male', age: 30 })
    .refer(d(150), { source: 'nav', referrer: { name: 'Marit Solberg', organisation: 'NAV Bodø' }, reason: 'Bostedsløs; aktiv rus' })
    .withdraw(d(130), 'declined_further_contact', 'Ønsket ikke videre kontakt')
    .close(d(100), 'Henvisningen er trukket');

  // ─────────────── Trondheim: ten flats for men with co-occurring disorders ───────────────
  const trSpecialist = (reason: string): ReferralInput => ({
    source: 'specialist_health_service',
    referrer: { name: 'Hege Strand', organisation: 'St. Olavs hospital, DPS' },
    reason,
  });
  const trHealth = (reason: string): ReferralInput => ({
    source: 'health_and_social_office',
    referrer: { name: 'Eirik Vik', organisation: 'Helse- og velferdskontor Midtbyen' },
    reason,
  });
  const trGrant: DecisionText = {
    facts: 'Samtidig rusmisbruk og psykisk lidelse (ROP); har ikke klart å bo i vanlig bolig.',
    considerations: 'Tilbudet er for personer med ROP-lidelser; husordensregler og kriseplan gjennomgått.',
  };
  const trAccepted = 'ROP-lidelse bekreftet; tildeles leilighet';
  const man = (age: number): PersonWish => ({ gender: 'male', age });

  script('tr-long', 'trondheim', 'resident', man(44))
    .refer(d(345), trSpecialist('Lange innleggelser i psykiatrien; ingen bolig'))
    .meeting(d(340), 'accepted', trAccepted)
    .grant(d(339), trGrant)
    .offer(d(337), 3)
    .acceptOffer(d(336))
    .moveIn(d(335), { agreement: { kind: 'lease', leaseTerms: careLease(d(337)) } })
    .incident(d(280), 'substance_use_in_common_areas', 'medium', 'Rusbruk i felles stue', { on: d(279), reason: 'Rusbruk i fellesarealer er ikke tillatt' })
    .incident(d(180), 'substance_use_in_common_areas', 'medium', 'Rusbruk utendørs ved inngangen', { on: d(179), reason: 'Gjentatt rusbruk i fellesarealer' })
    .incident(d(120), 'police_callout', 'low', 'Nabo klaget på støy; politiet snakket med beboeren')
    .risk(d(119), 'ROS: moderat risiko', ['boisterous']);

  script('tr-police', 'trondheim', 'resident', man(36))
    .refer(d(130), trHealth('Bostedsløs; ROP-lidelse'))
    .meeting(d(125), 'accepted', trAccepted)
    .grant(d(124), trGrant)
    .offer(d(122), 3)
    .acceptOffer(d(121))
    .moveIn(d(120), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(120)) } })
    .risk(d(119), 'ROS ved innflytting: moderat risiko', ['irritable'])
    .incident(d(75), 'police_callout', 'high', 'Slåsskamp utenfor inngangen; politiet rykket ut', { on: d(74), reason: 'Slåsskamp' })
    .incident(d(30), 'damage', 'low', 'Skadet ytterdør');

  script('tr-new', 'trondheim', 'resident', man(29))
    .refer(d(40), { source: 'nav', referrer: { name: 'Ola Brekke', organisation: 'NAV Trondheim' }, reason: 'Bostedsløs; ROP-lidelse' })
    .meeting(d(30), 'accepted', trAccepted)
    .grant(d(29), trGrant)
    .offer(d(25), 3)
    .acceptOffer(d(24))
    .moveIn(d(20), { agreement: { kind: 'service_agreement', endsOn: serviceEnd(d(20), 6) } });

  script('tr-quiet', 'trondheim', 'resident', man(53))
    .refer(d(180), trHealth('Bostedsløs etter skilsmisse; ROP-lidelse'))
    .meeting(d(176), 'accepted', trAccepted)
    .grant(d(175), trGrant)
    .offer(d(173), 3)
    .acceptOffer(d(172))
    .moveIn(d(170), { agreement: { kind: 'lease', leaseTerms: careLease(d(173)) } })
    .actionPlan(d(90), [{ goal: 'Kontakt med egne barn', measure: 'Besøk med tilsyn en gang i måneden', responsible: 'Beboer og kontaktperson' }]);

  script('tr-granted', 'trondheim', 'accepted', man(33))
    .refer(d(14), trSpecialist('Skrives ut fra DPS døgnavdeling om en måned'))
    .meeting(d(8), 'accepted', trAccepted)
    .grant(d(7), trGrant);

  script('tr-waitlisted', 'trondheim', 'waitlisted', man(47))
    .refer(d(90), trHealth('Bor på hospits; ROP-lidelse'))
    .meeting(d(85), 'waitlisted', 'Venter på ledig leilighet', 3)
    .changePriority(d(40), 2);

  script('tr-referred', 'trondheim', 'referred', man(27)).refer(d(5), trSpecialist('Utskrives fra DPS døgnavdeling; bostedsløs'));

  script('tr-withdrawn', 'trondheim', 'withdrawn', man(38))
    .refer(d(50), trHealth('Bostedsløs; ROP-lidelse'))
    .meeting(d(45), 'accepted', trAccepted)
    .withdraw(d(30), 'moved_away', 'Flyttet til Oslo');

  script('tr-appeal-forwarded', 'trondheim', 'refused', man(42))
    .refer(d(120), { ...trHealth('Ønsker plass i ROP-boligen'), source: 'self', referrer: { name: 'Selvhenvist' } })
    .meeting(d(100), 'refused', 'Behovet for heldøgns helsehjelp er større enn tilbudet kan gi')
    .refuse(d(98), {
      facts: 'Trenger heldøgns helsehjelp og tilsyn om natten.',
      considerations: 'Bemanningen er to på vakt dag og kveld og ambulant nattevakt; det er ikke forsvarlig for hans behov.',
      notifiedAfterDays: 2,
    })
    .appeal(d(85))
    .reviewAppeal(d(70), 'upheld', 'Enheten fastholder vedtaket; klagen sendes Statsforvalteren')
    .forwardAppeal(d(68));

  script('tr-appeal-decided', 'trondheim', 'closed', man(50))
    .refer(d(260), trHealth('Bostedsløs; ROP-lidelse'))
    .meeting(d(240), 'refused', 'Ønsker og behov passer bedre i et annet botiltak')
    .refuse(d(238), {
      facts: 'Har uttrykt at han ikke vil bo sammen med andre med rusproblemer.',
      considerations: 'Et annet botiltak i kommunen passer bedre; det er tilbudt.',
      notifiedAfterDays: 1,
    })
    .appeal(d(225))
    .reviewAppeal(d(215), 'upheld', 'Enheten fastholder vedtaket')
    .forwardAppeal(d(212))
    .appealOutcome(d(120), 'upheld', 'Statsforvalteren stadfester vedtaket')
    .close(d(110), 'Klagesaken er avgjort; vedtaket står');

  // ─────────────── Stavanger, Housing First: ten ordinary flats across the city ───────────────
  const hsk = (reason: string, office = 'Helse- og sosialkontoret Hillevåg'): ReferralInput => ({
    source: 'health_and_social_office',
    referrer: { name: 'Mona Tveit', organisation: office },
    reason,
  });
  const hfGrant: DecisionText = {
    facts: 'Bostedsløs med samtidig rus- og psykisk lidelse; har ikke nyttiggjort seg eksisterende tilbud.',
    considerations: 'Tildeles kommunal leilighet med oppfølging fra Housing First-teamet.',
  };
  const hfAccepted = 'Innenfor målgruppen for Housing First';

  script('hf-long', 'stavanger_hf', 'resident', { gender: 'male', age: 43 })
    .refer(d(330), hsk('Bostedsløs i mange år; oppfølging fra OBS'))
    .meeting(d(325), 'needs_mapping', 'Teamet trenger kartlegging før beslutning')
    .startMapping(d(322), addDays(d(322), 40), false)
    .endMapping(d(300), 'Ønsker egen leilighet; trenger tett oppfølging de første månedene')
    .meeting(d(298), 'accepted', hfAccepted)
    .grant(d(297), hfGrant)
    .offer(d(295), 5)
    .acceptOffer(d(294))
    .moveIn(d(290), { agreement: { kind: 'lease', leaseTerms: ordinaryLease } })
    .absence(d(150), 'hospital_admission', d(152))
    .returned(d(130))
    .risk(d(129), 'ROS etter innleggelse: lav risiko', []);

  script('hf-resident', 'stavanger_hf', 'resident', { gender: 'female', age: 35 })
    .refer(d(215), {
      source: 'specialist_health_service',
      referrer: { name: 'Ingrid Hovland', organisation: 'Helse Stavanger, Avdeling unge voksne' },
      reason: 'Bostedsløs; samtidig rus- og psykisk lidelse',
    })
    .meeting(d(210), 'accepted', hfAccepted)
    .grant(d(209), hfGrant)
    .offer(d(207), 5)
    .acceptOffer(d(206))
    .moveIn(d(200), { agreement: { kind: 'lease', leaseTerms: ordinaryLease } })
    .risk(d(199), 'ROS: moderat risiko ved rus', ['irritable'])
    .incident(d(120), 'house_rule_breach', 'low', 'Klager fra naboer på støy')
    .contactPersons(d(60), ['Housing First-teamet: primærkontakt', 'Sekundærkontakt']);

  script('hf-unknown', 'stavanger_hf', 'moved_out', { gender: 'male', age: 31 })
    .refer(d(280), hsk('Bostedsløs; sover ute', 'Helse- og sosialkontoret Madla'))
    .meeting(d(272), 'accepted', hfAccepted)
    .grant(d(271), hfGrant)
    .offer(d(269), 5)
    .acceptOffer(d(268))
    .moveIn(d(265), { agreement: { kind: 'lease', leaseTerms: ordinaryLease } })
    .moveOut(d(60), 'unknown', 'left_voluntarily');

  script('hf-ambulant', 'stavanger_hf', 'ambulant', { gender: 'male', age: 45 })
    .refer(d(300), hsk('Bostedsløs etter utkastelse'))
    .meeting(d(292), 'accepted', hfAccepted)
    .grant(d(291), hfGrant)
    .offer(d(289), 5)
    .acceptOffer(d(288))
    .moveIn(d(285), { agreement: { kind: 'lease', leaseTerms: ordinaryLease } })
    .moveOut(d(95), 'private_rental', 'completed')
    .enrolAmbulant(d(95), ['home_visits', 'phone']);

  script('hf-offered', 'stavanger_hf', 'offered', { gender: 'female', age: 30 })
    .refer(d(60), hsk('Bostedsløs; bor hos venner'))
    .meeting(d(50), 'accepted', hfAccepted)
    .grant(d(49), hfGrant)
    .offer(d(38), 7)
    .expireOffer(d(30))
    .offer(d(5), 7);

  script('hf-referred', 'stavanger_hf', 'referred', { gender: 'male', age: 39 }).refer(d(4), hsk('Bostedsløs; mange avbrutte botilbud'));

  script('hf-needs-mapping', 'stavanger_hf', 'in_assessment', { gender: 'male', age: 48 })
    .refer(d(30), hsk('Bostedsløs; uklart tjenestebehov', 'Helse- og sosialkontoret Madla'))
    .meeting(d(22), 'needs_mapping', 'Teamet trenger mer informasjon; kartlegging av boferdigheter avtales');

  script('hf-mapping', 'stavanger_hf', 'mapping', { gender: 'female', age: 33 })
    .refer(d(50), {
      source: 'specialist_health_service',
      referrer: { name: 'Ingrid Hovland', organisation: 'Helse Stavanger, Avdeling unge voksne' },
      reason: 'Ung voksen uten bolig',
    })
    .meeting(d(40), 'needs_mapping', 'Kartlegging av ønsker og tjenestebehov')
    .startMapping(d(35), addDays(d(35), 45), false);

  script('hf-not-relevant', 'stavanger_hf', 'not_relevant', { gender: 'male', age: 56 })
    .refer(d(25), hsk('Ønsker oppfølging i egen bolig'))
    .meeting(d(15), 'not_relevant', 'Har egen bolig og ønsker kun oppfølging fra MTE; ikke aktuell for Housing First');

  script('hf-not-relevant-closed', 'stavanger_hf', 'closed', { gender: 'male', age: 22 })
    .refer(d(160), { source: 'nav', referrer: { name: 'Knut Sæther', organisation: 'NAV Stavanger' }, reason: 'Uten bolig' })
    .meeting(d(150), 'not_relevant', 'Ikke bostedsløs lenger; bor hos foreldre')
    .close(d(140), 'Personen er informert om at tilbudet ikke er aktuelt');

  return scripts;
}
