import { documentPolicy, escapeHtml } from '../../../platform/http/document-page';
import { letterBlocks } from '../../cases/decision-letters/decision-letter';
import { ExportWords } from './export-words';
import { PersonExport } from './person-export.service';

/** The page's only style; the CSP allows exactly this text by its hash, and nothing else at all. */
const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.k { color: #444; } .flagget { background: #fff3cd; }
ol.hendelser > li { margin-bottom: 0.8rem; } dl { margin: 0 0 0 1rem; } dt { font-weight: 600; } dd { margin: 0 0 0.3rem 0; }
@media print { body { margin: 0; } section { page-break-inside: avoid; } }
`;

/** The export is a page of personal data: see documentPolicy. */
const POLICY = documentPolicy(STYLE);
const PAGE_POLICY = POLICY.page;
export const PERSON_EXPORT_CSP = POLICY.header;

const escape = escapeHtml;

type Entry = PersonExport['person'][number];
type Decision = PersonExport['decisions'][number];

/** The letter as it was sent, block by block, with its checksum: what the person received, shown again. */
const sentLetter = (letter: { text: string; sha256: string }) =>
  `<details class="brev"><summary>Brevet slik det ble sendt</summary>${letterBlocks(letter.text)
    .map((b) => (b.kind === 'paragraph' ? `<p>${escape(b.text)}</p>` : `<p><strong>${escape(b.text)}</strong></p>`))
    .join('')}<p class="k">Kontrollsum for brevets tekst: ${escape(letter.sha256)}</p></details>`;

/** A sentence ends with a full stop (the messages are written as headlines). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * The export as a letter in bokmål to the person it is about: what the municipality has recorded,
 * each event as a sentence with the day and who recorded it, the decisions with their grounds and the
 * right to appeal, and who has looked at the file. No codes and no ids: the JSON export has those.
 */
export function renderPersonExportHtml(data: PersonExport): string {
  const words = new ExportWords(data.timeZone, new Map());
  const details = (e: Entry) =>
    e.fields.length === 0 ? '' : `<dl>${e.fields.map((f) => `<dt>${escape(f.label)}</dt><dd>${escape(f.value)}</dd>`).join('')}</dl>`;
  const entries = (list: readonly Entry[]) =>
    list.length === 0
      ? '<p>Ingenting registrert.</p>'
      : `<ol class="hendelser">${list
          .map((e) => {
            const day = e.effectiveDate ? `${words.day(e.effectiveDate)}: ` : '';
            const who = [e.actorText && `registrert av ${e.actorText}`, e.recordedAt && words.instant(e.recordedAt)].filter(Boolean).join(', ');
            return `<li><p><strong>${escape(day)}${escape(sentence(e.message.text))}</strong>${who ? ` <span class="k">(${escape(who)})</span>` : ''}</p>${details(e)}</li>`;
          })
          .join('')}</ol>`;
  const caseTitle = (c: PersonExport['cases'][number]) =>
    [c.name, c.facilityName, c.referredOn && `henvist ${words.day(c.referredOn)}`].filter(Boolean).join(', ');
  const text = (value: unknown) => escape(words.text(value));
  const decision = (d: Decision) => {
    const notice = d.appealNotice as { deadline?: string; deadlineWeeks?: number; deadlineMovedFrom?: string };
    const deadline = notice.deadline ? words.day(notice.deadline) : '';
    return `<section class="vedtak"><h3>${escape(d.kindText)}: vedtak av ${escape(words.day(d.issuedOn))} (${escape(d.caseName)})</h3>
<p><strong>Hjemmel:</strong> Vedtaket er gjort etter ${escape(d.legalBasisText)}${d.citation.toLowerCase() === d.legalBasisText.toLowerCase() ? '' : ` (${escape(d.citation)})`}.</p>
<p><strong>Faktiske forhold vedtaket bygger på:</strong> ${text(d.facts)}</p>
<p><strong>Hovedhensyn i skjønnsutøvelsen:</strong> ${text(d.mainConsiderations)}</p>
<p><strong>Vedtaket er fattet av:</strong> ${text(d.decidedBy)}. Du fikk melding om vedtaket ${escape(words.day(d.notifiedOn))}.</p>
<p><strong>Klagerett:</strong> Du kan klage på vedtaket til ${escape(d.appealBodyText)}. Klagefristen er ${escape(notice.deadlineWeeks)} uker fra du fikk melding om vedtaket, og siste dag for å klage er ${escape(deadline)}${notice.deadlineMovedFrom ? ` (fristen er flyttet fra ${escape(words.day(notice.deadlineMovedFrom))} fordi den dagen ikke er en virkedag)` : ''}.</p>
<p><strong>Slik klager du:</strong> Send klagen skriftlig til kommunen, som har fattet vedtaket. Skriv hvilket vedtak du klager på, hva du ønsker endret, og gjerne hvorfor. Kommunen vurderer saken på nytt, og sender klagen videre til ${escape(d.appealBodyText)} hvis vedtaket ikke blir endret. Du kan be om hjelp til å skrive klagen.</p>
<p><strong>Rett til å se dokumentene:</strong> Du har rett til å se dokumentene i saken din (forvaltningsloven §§ 18 og 19).</p>${d.letter ? sentLetter(d.letter) : ''}</section>`;
  };
  const access = data.accessLog
    .map(
      (a) =>
        `<tr${a.flagged ? ' class="flagget"' : ''}><td>${escape(words.instant(a.at))}</td><td>${escape(a.actorText)}</td><td>${escape(a.viewText)}${a.caseName ? ` (${escape(a.caseName)})` : ''}</td><td>${text(a.purpose)}</td><td>${words.yesNo(a.flagged)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
<title>Innsyn i egne opplysninger</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Innsyn i egne opplysninger</h1>
<p>Til ${escape(data.personName)}</p>
<p>Dato: ${escape(words.instant(data.generatedAt))}</p>
<p>Du har rett til å få vite hva kommunen har registrert om deg (personvernforordningen artikkel 15 og forvaltningsloven § 18). Her er alt vi har registrert om deg i boligtjenesten: opplysningene om deg, sakene dine med alt som har skjedd i dem, vedtakene med begrunnelse og klagerett, og hvem som har sett opplysningene dine og hvorfor.</p>
${data.complete ? '' : '<p><strong>Ufullstendig utskrift:</strong> den viser bare sakene ved botiltakene til den som laget den. En fullstendig utskrift krever oppgitt formål eller en revisor.</p>'}
<h2>Personopplysninger</h2>
${entries(data.person)}
<h2>Saker</h2>
${data.cases.map((c) => `<section class="sak"><h3>${escape(caseTitle(c))}</h3>${entries(c.events)}</section>`).join('') || '<p>Du har ingen saker hos oss.</p>'}
<h2>Vedtak</h2>
${data.decisions.map(decision).join('') || '<p>Det er ikke fattet vedtak i sakene dine.</p>'}
<h2>Hvem har sett opplysningene dine</h2>
<p>Hver gang noen i kommunen åpner opplysningene dine, blir det logget: når, hvem, hva de så på og hvorfor. Oppslag utenfor deres eget botiltak blir flagget og gått gjennom.</p>
<table><thead><tr><th>Tidspunkt</th><th>Hvem</th><th>Hva de så på</th><th>Formål</th><th>Flagget</th></tr></thead><tbody>${access}</tbody></table>
</body>
</html>`;
}
