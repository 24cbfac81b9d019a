import { createHash } from 'node:crypto';
import { PersonExport } from './person-export.service';

/** The page's only style; the CSP allows exactly this text by its hash, and nothing else at all. */
const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.k { color: #444; } .flagget { background: #fff3cd; }
@media print { body { margin: 0; } section { page-break-inside: avoid; } }
`;

/**
 * The export is a page of personal data: it runs no script, loads nothing, and may not be framed. Sent
 * as a header, and also in the page (a meta tag) so the saved file keeps the policy when opened from
 * disk (frame-ancestors only works as a header).
 */
const PAGE_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'; base-uri 'none'; form-action 'none'`;
export const PERSON_EXPORT_CSP = `${PAGE_POLICY}; frame-ancestors 'none'`;

const escape = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const APPEAL_BODIES: Record<string, string> = { statsforvalteren: 'Statsforvalteren' };
const DECISION_KINDS: Record<string, string> = { grant: 'Innvilgelse', refusal: 'Avslag', exclusion: 'Avslutning fra tilbudet' };

/** Shows any value readably: text as is, objects as "key: value" lines. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return escape(value);
  if (Array.isArray(value)) return value.map(show).join('<br>');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `<span class="k">${escape(k)}:</span> ${show(v)}`)
    .join('<br>');
}

/**
 * The export as a printable document in Norwegian bokmål: what the municipality has recorded, its
 * decisions with grounds and the right to appeal, and who has looked at the file.
 */
export function renderPersonExportHtml(data: PersonExport): string {
  const rows = (entries: PersonExport['person']) =>
    entries
      .map((e) => `<tr><td>${escape(e.effectiveDate ?? '')}</td><td>${escape(e.type)}</td><td>${escape(e.actorRole ?? '')}</td><td>${show(e.data)}</td></tr>`)
      .join('');
  const table = (entries: PersonExport['person']) =>
    `<table><thead><tr><th>Dato</th><th>Hendelse</th><th>Registrert av (rolle)</th><th>Opplysninger</th></tr></thead><tbody>${rows(entries)}</tbody></table>`;
  const decisions = data.decisions
    .map((d) => {
      const notice = d.appealNotice as { appealBody?: string; deadline?: string; deadlineWeeks?: number } | undefined;
      return `<section class="vedtak"><h3>${escape(DECISION_KINDS[d.kind] ?? d.kind)} – vedtak ${escape(d.issuedOn)}</h3>
<p><strong>Hjemmel:</strong> ${escape(d.citation)}</p>
<p><strong>Faktiske forhold:</strong> ${show(d.facts)}</p>
<p><strong>Hovedhensyn i skjønnsutøvelsen:</strong> ${show(d.mainConsiderations)}</p>
<p><strong>Klagerett:</strong> Vedtaket kan påklages til ${escape(APPEAL_BODIES[notice?.appealBody ?? ''] ?? notice?.appealBody ?? '')}. Klagefristen er ${escape(notice?.deadlineWeeks)} uker og løper ut ${escape(notice?.deadline)}. Du har rett til å se dokumentene i saken (forvaltningsloven §§ 18 og 19).</p></section>`;
    })
    .join('');
  const access = data.accessLog
    .map(
      (a) =>
        `<tr${a.flagged ? ' class="flagget"' : ''}><td>${escape(a.at)}</td><td>${escape(a.actorId)}</td><td>${escape(a.actorRole)}</td><td>${escape(a.view)}</td><td>${show(a.purpose)}</td><td>${a.flagged ? 'Ja' : 'Nei'}</td></tr>`,
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
<p>Utskrift etter personvernforordningen artikkel 15 og forvaltningsloven § 18. Laget ${escape(data.generatedAt)}.</p>
${data.complete ? '' : '<p><strong>Ufullstendig utskrift:</strong> den viser bare sakene ved botiltakene til den som laget den. En fullstendig utskrift krever oppgitt formål eller en revisor.</p>'}
<h2>Personopplysninger</h2>
${table(data.person)}
<h2>Saker</h2>
${data.cases.map((c) => `<h3>Sak ${escape(c.caseId)}</h3>${table(c.events)}`).join('') || '<p>Ingen saker.</p>'}
<h2>Vedtak</h2>
${decisions || '<p>Ingen vedtak.</p>'}
<h2>Hvem har sett opplysningene dine</h2>
<table><thead><tr><th>Tidspunkt</th><th>Bruker</th><th>Rolle</th><th>Visning</th><th>Formål</th><th>Flagget</th></tr></thead><tbody>${access}</tbody></table>
</body>
</html>`;
}
