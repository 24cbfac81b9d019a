import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Clock } from '../../../platform/clock';
import { Requires } from '../../../platform/auth/auth.decorators';
import { PersonFiles } from '../../../read-models/person-files/person-files.service';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../../privacy/personal-data-read';
import { PERSON_EXPORT_CSP, renderPersonExportHtml } from './person-export.html';
import { PersonExportService } from './person-export.service';
import { ApiTag } from '../../../platform/http/openapi';
import { PersonExportDto } from './person-export.dto';

@ApiTag('people')
@Controller('v1/people')
export class PersonExportController {
  constructor(
    private readonly exports: PersonExportService,
    private readonly personFiles: PersonFiles,
    private readonly clock: Clock,
  ) {}

  /** The person's right of access: everything recorded about them, decisions with grounds, and who looked. */
  @Get(':personId/export')
  @Requires('read.case')
  @PersonalDataRead('export')
  @ApiOperation({ operationId: 'exportPerson', summary: 'Everything recorded about a person, and who looked (right of access)' })
  @ApiOkResponse({ type: PersonExportDto, description: 'The export as JSON' })
  async json(@Param('personId', new ParseUUIDPipe()) personId: string, @FileAccessParam() access: FileAccess) {
    const { show } = access.allow(await this.personFiles.facilitiesOf(personId));
    return this.exports.export(personId, this.clock.now(), show);
  }

  @Get(':personId/export.html')
  @Requires('read.case')
  @PersonalDataRead('export')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PERSON_EXPORT_CSP)
  @ApiProduces('text/html')
  @ApiOperation({ operationId: 'exportPersonHtml', summary: 'The same export as a printable Norwegian document' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The export as a printable Norwegian document' })
  async html(@Param('personId', new ParseUUIDPipe()) personId: string, @FileAccessParam() access: FileAccess) {
    const { show } = access.allow(await this.personFiles.facilitiesOf(personId));
    return renderPersonExportHtml(await this.exports.export(personId, this.clock.now(), show));
  }
}
