import { documentPolicy, escapeHtml } from '../../../platform/http/document-page';
import { letterBlocks } from './decision-letter';

const STYLE = `
body { font-family: Georgia, 'Times New Roman', serif; max-width: 42rem; margin: 2rem auto; color: #111; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 1.4rem; }
p { white-space: pre-line; } .kontroll { color: #555; font-size: 0.8rem; word-break: break-all; }
@media print { body { margin: 0; } }
`;

const POLICY = documentPolicy(STYLE);
export const DECISION_LETTER_CSP = POLICY.header;

/** The kept letter as a printable page: the same text as the PDF, block by block, and its checksum. */
export function renderLetterHtml(text: string, sha256: string): string {
  const blocks = letterBlocks(text);
  const title = blocks.find((b) => b.kind === 'title')?.text ?? 'Vedtak';
  const body = blocks
    .map((b) =>
      b.kind === 'title' ? `<h1>${escapeHtml(b.text)}</h1>` : b.kind === 'heading' ? `<h2>${escapeHtml(b.text)}</h2>` : `<p>${escapeHtml(b.text)}</p>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY.page}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="kontroll">Kontrollsum for brevets tekst (SHA-256): ${escapeHtml(sha256)}</p>
</main>
</body>
</html>
`;
}
