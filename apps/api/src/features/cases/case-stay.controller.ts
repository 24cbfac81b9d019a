import { Body, Controller, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandContext } from '../../platform/commands/command-runner';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CaseCommandController, CaseCommandRoute, CaseId } from './case-command.endpoint';
import { CASES_BASE } from './case-routes';
import { ConvertToLeaseDto, ExtendAgreementDto } from './dto/agreement.dto';
import {
  AcceptOfferDto,
  ChangeWaitingListPriorityDto,
  DeclineOfferDto,
  ExpireOfferDto,
  MoveInDto,
  OfferUnitDto,
  PlaceOnWaitingListDto,
  RemoveFromWaitingListDto,
} from './dto/placement.dto';
import { IssueWarningDto, RecordAbsenceDto, RecordIncidentDto, RecordReturnDto, TransferUnitDto } from './dto/stay.dto';

/** From the waiting list to living there: offers, move-in, the agreement, and what happens during the stay. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller(CASES_BASE)
export class CaseStayController extends CaseCommandController {
  @CaseCommandRoute('PlaceOnWaitingList', 'changes')
  placeOnWaitingList(@CaseId() caseId: string, @Body() body: PlaceOnWaitingListDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'PlaceOnWaitingList', caseId });
  }

  @CaseCommandRoute('ChangeWaitingListPriority', 'changes')
  changePriority(@CaseId() caseId: string, @Body() body: ChangeWaitingListPriorityDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ChangeWaitingListPriority', caseId });
  }

  @CaseCommandRoute('RemoveFromWaitingList', 'changes')
  removeFromWaitingList(@CaseId() caseId: string, @Body() body: RemoveFromWaitingListDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'RemoveFromWaitingList', caseId });
  }

  @CaseCommandRoute('OfferUnit', 'creates')
  offer(@CaseId() caseId: string, @Body() body: OfferUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const offerId = this.newId(ctx, 'offer');
    return this.run(res, ctx, { ...body, type: 'OfferUnit', caseId, offerId }, offerId);
  }

  @CaseCommandRoute('AcceptOffer', 'changes')
  acceptOffer(@CaseId() caseId: string, @Body() body: AcceptOfferDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'AcceptOffer', caseId });
  }

  @CaseCommandRoute('DeclineOffer', 'changes')
  declineOffer(@CaseId() caseId: string, @Body() body: DeclineOfferDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'DeclineOffer', caseId });
  }

  @CaseCommandRoute('ExpireOffer', 'changes')
  expireOffer(@CaseId() caseId: string, @Body() body: ExpireOfferDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ExpireOffer', caseId });
  }

  @CaseCommandRoute('MoveIn', 'creates')
  moveIn(@CaseId() caseId: string, @Body() body: MoveInDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const moveInId = this.newId(ctx, 'move-in');
    return this.run(res, ctx, { ...body, type: 'MoveIn', caseId, moveInId }, moveInId);
  }

  @CaseCommandRoute('ExtendAgreement', 'changes')
  extendAgreement(@CaseId() caseId: string, @Body() body: ExtendAgreementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ExtendAgreement', caseId });
  }

  @CaseCommandRoute('ConvertToLease', 'changes')
  convertToLease(@CaseId() caseId: string, @Body() body: ConvertToLeaseDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ConvertToLease', caseId });
  }

  @CaseCommandRoute('TransferUnit', 'creates')
  transfer(@CaseId() caseId: string, @Body() body: TransferUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const transferId = this.newId(ctx, 'transfer');
    return this.run(res, ctx, { ...body, type: 'TransferUnit', caseId, transferId }, transferId);
  }

  @CaseCommandRoute('RecordIncident', 'creates')
  incident(@CaseId() caseId: string, @Body() body: RecordIncidentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const incidentId = this.newId(ctx, 'incident');
    return this.run(res, ctx, { ...body, type: 'RecordIncident', caseId, incidentId }, incidentId);
  }

  @CaseCommandRoute('IssueWarning', 'creates')
  warning(@CaseId() caseId: string, @Body() body: IssueWarningDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const warningId = this.newId(ctx, 'warning');
    return this.run(res, ctx, { ...body, type: 'IssueWarning', caseId, warningId }, warningId);
  }

  @CaseCommandRoute('RecordAbsence', 'creates')
  absence(@CaseId() caseId: string, @Body() body: RecordAbsenceDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const absenceId = this.newId(ctx, 'absence');
    return this.run(res, ctx, { ...body, type: 'RecordAbsence', caseId, absenceId }, absenceId);
  }

  @CaseCommandRoute('RecordReturn', 'changes')
  returned(@CaseId() caseId: string, @Body() body: RecordReturnDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'RecordReturn', caseId });
  }
}
