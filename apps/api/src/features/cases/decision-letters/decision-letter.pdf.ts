import PDFDocument from 'pdfkit';
import { letterBlocks } from './decision-letter';

/**
 * The kept letter as a PDF (A4, Helvetica: one of the standard fonts every reader has, whose encoding
 * holds æ, ø, å and §), drawn from the same text as the HTML. Made on the server by pdfkit: no browser.
 */
export function renderLetterPdf(text: string, meta: { title: string; issuedOn: Date; sha256: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    lang: 'nb-NO',
    info: { Title: meta.title, Subject: `SHA-256 ${meta.sha256}`, CreationDate: meta.issuedOn, ModDate: meta.issuedOn },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const block of letterBlocks(text)) {
    if (block.kind === 'title') doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).text(block.text).moveDown(0.5);
    else if (block.kind === 'heading') doc.moveDown(0.4).font('Helvetica-Bold').fontSize(12).text(block.text).moveDown(0.2);
    else doc.font('Helvetica').fontSize(11).text(block.text, { lineGap: 2 }).moveDown(0.6);
  }
  doc.moveDown(1).font('Helvetica').fontSize(8).fillColor('#555555').text(`Kontrollsum for brevets tekst (SHA-256): ${meta.sha256}`);
  doc.end();
  return done;
}
