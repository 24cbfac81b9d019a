import { Controller, Get, Header, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { Requires } from '../../../platform/auth/auth.decorators';
import { ApiTag } from '../../../platform/http/openapi';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../../privacy/personal-data-read';
import { letterBlocks } from './decision-letter';
import { DECISION_LETTER_CSP, renderLetterHtml } from './decision-letter.html';
import { renderLetterPdf } from './decision-letter.pdf';
import { DecisionLetters, DecisionLetterView } from './decision-letters.service';

export class DecisionLetterDto implements DecisionLetterView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ enum: ['grant', 'refusal', 'exclusion'] }) kind!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({
    enum: ['kept', 'composed', 'forgotten'],
    description: 'kept: as sent; composed: written now for a decision recorded before letters were kept; forgotten: only what the law requires',
  })
  source!: 'kept' | 'composed' | 'forgotten';
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of the letter’s text, recorded with the decision' }) sha256!: string | null;
  @ApiProperty({ description: 'Whether the text shown is the one whose hash was recorded' }) intact!: boolean;
  @ApiProperty({ description: 'The letter’s text: a title line "# ", section headings "## ", paragraphs between blank lines' }) text!: string;
}

/**
 * The decision letter (vedtaksbrev) of a recorded decision, as kept when it was issued: as JSON, as a
 * printable page and as a PDF. A read of the person's file, logged as the view `letter`.
 */
@ApiTag('cases')
@Controller('v1/cases/:caseId/decisions/:decisionId')
@ApiParam({ name: 'caseId', format: 'uuid' })
@ApiParam({ name: 'decisionId', format: 'uuid' })
export class DecisionLetterController {
  constructor(private readonly letters: DecisionLetters) {}

  @Get('letter')
  @Requires('read.case')
  @PersonalDataRead('letter')
  @ApiOperation({ operationId: 'getDecisionLetter', summary: 'The letter sent with a decision, as kept, with its hash' })
  @ApiOkResponse({ type: DecisionLetterDto })
  async json(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('decisionId', new ParseUUIDPipe()) decisionId: string,
    @FileAccessParam() access: FileAccess,
  ) {
    return this.read(caseId, decisionId, access);
  }

  @Get('letter.html')
  @Requires('read.case')
  @PersonalDataRead('letter')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DECISION_LETTER_CSP)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/html')
  @ApiOperation({ operationId: 'getDecisionLetterHtml', summary: 'The decision letter as a printable page' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The letter in bokmål' })
  async html(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('decisionId', new ParseUUIDPipe()) decisionId: string,
    @FileAccessParam() access: FileAccess,
  ) {
    const letter = await this.read(caseId, decisionId, access);
    return renderLetterHtml(letter.text, letter.sha256 ?? '—');
  }

  @Get('letter.pdf')
  @Requires('read.case')
  @PersonalDataRead('letter')
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getDecisionLetterPdf', summary: 'The decision letter as a PDF' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The letter in bokmål, A4' })
  async pdf(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('decisionId', new ParseUUIDPipe()) decisionId: string,
    @FileAccessParam() access: FileAccess,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const letter = await this.read(caseId, decisionId, access);
    const title = letterBlocks(letter.text).find((b) => b.kind === 'title')?.text ?? 'Vedtak';
    const pdf = await renderLetterPdf(letter.text, { title, issuedOn: new Date(`${letter.issuedOn}T12:00:00Z`), sha256: letter.sha256 ?? '—' });
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="vedtak_${letter.issuedOn}.pdf"`, length: pdf.length });
  }

  private async read(caseId: string, decisionId: string, access: FileAccess): Promise<DecisionLetterView> {
    const letter = await this.letters.letter(caseId, decisionId);
    access.allow([letter.facilityId], letter.personId);
    return letter;
  }
}
