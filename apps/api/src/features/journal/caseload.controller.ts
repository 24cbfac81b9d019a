import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { ApiTag } from '../../platform/http/openapi';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { CaseloadQuery, ContactPersonsQuery } from '../../read-models/journal/caseload.query';
import { facilitiesFor, readScope } from '../../read-models/shared/read-scope';
import { CaseloadDto, CaseloadQueryDto, ContactPersonsDto } from './contacts.dto';

/**
 * The caseload of ambulant follow-up and follow-up after move-out: whom a contact person follows, when
 * each was last contacted and what is planned. Like the dashboards it shows names and dates, never what
 * a contact was about, so it is not a read of anyone's file (the contact log of a case is).
 */
@ApiTag('journal')
@Controller('v1/caseload')
export class CaseloadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Requires('read.case')
  @ApiOperation({ operationId: 'getCaseload', summary: 'Whom a contact person follows: last contact, days since, next planned' })
  @ApiOkResponse({ type: CaseloadDto })
  caseload(@QueryParams() q: CaseloadQueryDto, @CurrentActor() actor: Actor): Promise<CaseloadDto> {
    return this.queries.execute(new CaseloadQuery(q.contactPerson, facilitiesFor(actor, 'read.case', q.facilityId), q.minPosition));
  }

  @Get('contact-persons')
  @Requires('read.case')
  @ApiOperation({ operationId: 'listContactPersons', summary: 'The contact persons named on followed cases in your facilities' })
  @ApiOkResponse({ type: ContactPersonsDto })
  async contactPersons(@QueryParams() q: ReadModelQueryDto, @CurrentActor() actor: Actor): Promise<ContactPersonsDto> {
    return { contactPersons: await this.queries.execute(new ContactPersonsQuery(readScope(actor, 'read.case'), q.minPosition)) };
  }
}
