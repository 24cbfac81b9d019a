/**
 * Made-up Norwegian texts for the generated case files, as staff write them. Nobody here is real.
 */
export const MUNICIPALITIES = [
  'Oslo',
  'Bergen',
  'Trondheim',
  'Stavanger',
  'Bærum',
  'Kristiansand',
  'Drammen',
  'Asker',
  'Lillestrøm',
  'Fredrikstad',
  'Sandnes',
  'Tromsø',
  'Sarpsborg',
  'Skien',
  'Ålesund',
  'Sandefjord',
  'Larvik',
  'Bodø',
  'Arendal',
  'Tønsberg',
  'Porsgrunn',
  'Haugesund',
  'Moss',
  'Hamar',
  'Halden',
  'Lillehammer',
  'Molde',
  'Gjøvik',
  'Harstad',
  'Kongsberg',
  'Melhus',
  'Steinkjer',
  'Narvik',
  'Alta',
  'Elverum',
  'Kristiansund',
  'Horten',
  'Askøy',
  'Ringsaker',
  'Nordre Follo',
];

// People's names: libs/domain/src/scenarios/people.ts.

export const REFERRERS: ReadonlyArray<{ name: string; organisation: string }> = [
  { name: 'Marit Solberg', organisation: 'NAV' },
  { name: 'Per Haugen', organisation: 'Kriminalomsorgen' },
  { name: 'Lene Moe', organisation: 'Rusbehandling, spesialisthelsetjenesten' },
  { name: 'Hege Strand', organisation: 'DPS døgnavdeling' },
  { name: 'Eirik Vik', organisation: 'Helse- og velferdskontor' },
  { name: 'Anne Lunde', organisation: 'Psykisk helse og rus, kommunen' },
  { name: 'Mona Tveit', organisation: 'Helse- og sosialkontoret' },
  { name: 'Ingrid Hovland', organisation: 'ACT-teamet' },
];

export const REFERRAL_REASONS = [
  'Utkastet etter husleierestanse; bor hos venner fra natt til natt',
  'Løslates uten bolig å gå til',
  'Samlivsbrudd; står uten bopel',
  'Utskrives fra rusbehandling uten bolig',
  'Lange innleggelser i psykiatrien; ingen bolig',
  'Bor på hospits for NAVs regning; akutt behov',
  'Bostedsløs; sover ute',
  'Mistet kommunal bolig etter gjentatte klager fra naboer',
  'Ung voksen uten bolig etter brudd med foreldrehjemmet',
  'Skrives ut fra DPS døgnavdeling om en måned',
];

export const MEETING_NOTES: Readonly<Record<string, readonly string[]>> = {
  not_relevant: ['Har egen bolig og ønsker kun oppfølging; ikke aktuell', 'Ikke bostedsløs lenger; bor hos familie'],
  needs_mapping: ['Teamet trenger kartlegging før beslutning', 'Uklart tjenestebehov; kartlegging av boferdigheter avtales'],
  accepted: ['Innenfor målgruppen; tildeles plass', 'ROP-lidelse bekreftet; tilbys leilighet', 'Innenfor målgruppen for tilbudet'],
  waitlisted: ['Innenfor målgruppen; ingen ledig plass i dag', 'Venter på ledig leilighet'],
  refused: ['Behovet dekkes best med ambulant oppfølging i egen bolig', 'Omfattende pleiebehov; tilbudet er ikke forsvarlig'],
};

export const INCIDENT_TEXTS: Readonly<Record<string, readonly string[]>> = {
  house_rule_breach: ['Besøk etter kl. 23 i strid med husordensreglene', 'Bråk i fellesarealet om natten', 'Ulovlig overnattingsbesøk'],
  threat_or_violence: ['Truet ansatt verbalt i gangen', 'Slo etter medbeboer i fellesstua', 'Kastet stol mot personalet'],
  damage: ['Knust dør på badet', 'Skadet ytterdør', 'Hull i veggen på soverommet'],
  substance_use_in_common_areas: ['Rusbruk i felles stue', 'Rusbruk utendørs ved inngangen'],
  police_callout: ['Slåsskamp utenfor inngangen; politiet rykket ut', 'Nabo klaget på støy; politiet snakket med beboeren'],
  fire_callout: ['Brannalarm etter matlaging; brannvesenet rykket ut', 'Røyk fra leiligheten; brannvesenet tilkalt'],
  ambulance_callout: ['Overdose på rommet; personalet ga nalokson, ambulanse tilkalt', 'Akutt forvirring; ambulanse tilkalt'],
};

export const ACTION_PLANS: ReadonlyArray<ReadonlyArray<{ goal: string; measure: string; responsible: string }>> = [
  [
    { goal: 'Beholde boligen', measure: 'Ukentlig samtale med kontaktperson', responsible: 'Kontaktperson' },
    { goal: 'Stabil økonomi', measure: 'Fast trekk av husleie via NAV', responsible: 'Beboer og NAV-veileder' },
  ],
  [{ goal: 'Finne varig bolig', measure: 'Søke på annonser hver uke sammen med miljøarbeider', responsible: 'Beboer og miljøarbeider' }],
  [{ goal: 'Redusere rusbruk', measure: 'Oppmøte på LAR-utdeling og samtaler med ruskonsulent', responsible: 'Beboer og ruskonsulent' }],
  [{ goal: 'Kontakt med egne barn', measure: 'Besøk med tilsyn en gang i måneden', responsible: 'Beboer og kontaktperson' }],
  [{ goal: 'Meningsfull aktivitet', measure: 'Arbeidstrening to dager i uken', responsible: 'Beboer og NAV-veileder' }],
];

export const CRISIS_PLANS = [
  'Ring vakttelefonen; ved akutt forverring legevakt og ACT-teamet',
  'Ved oppsøk fra tidligere samboer: ring vakttelefonen og politiet',
  'Ved tegn på psykose: kontakt DPS akutteam; fast kontaktperson varsles',
  'Ved overdose: nalokson, ring 113, varsle vakthavende',
];

export const ROS_SUMMARIES = [
  'ROS: lav risiko; ingen kjent vold eller trusler',
  'ROS: moderat konfliktrisiko i fellesarealer',
  'ROS etter hendelse: høy risiko; tettere tilsyn på kveldstid',
  'ROS ved innflytting: moderat risiko ved rus',
];

export const CONTACT_PERSONS = [
  ['Primærkontakt (miljøterapeut)', 'Sekundærkontakt'],
  ['Primærkontakt (vernepleier)', 'Sekundærkontakt (sykepleier)'],
  ['Primærkontakt (sosionom)'],
  ['Housing First-teamet: primærkontakt', 'Sekundærkontakt'],
];

export const DECLINE_REASONS = [
  'Ønsker ikke å bo i sentrum, nær tidligere rusmiljø',
  'Vil ikke bo sammen med andre med rusproblemer',
  'Har fått tilbud om leilighet privat',
  'Leiligheten er for langt fra barna',
];

export const EXCLUSION_TEXT = {
  overall: 'Samlet vurdert er tilbudet ikke forsvarlig for beboeren nå, etter gjentatte hendelser til tross for advarsler.',
  facts: 'Gjentatte hendelser og advarsler registrert i saken; se hendelseslogg.',
  considerations: 'Beboerens og de andre beboernes sikkerhet; tilbudet kan ikke gi den hjelpen som trengs nå.',
};
