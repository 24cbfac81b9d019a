import { Body, Controller, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandContext } from '../../platform/commands/command-runner';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CaseCommandController, CaseCommandRoute, CaseId } from './case-command.endpoint';
import { CASES_BASE } from './case-routes';
import { AssignContactPersonsDto, RecordRiskAssessmentDto, UpdateActionPlanDto, UpdateCrisisPlanDto } from './dto/care.dto';
import { CloseCaseDto, DecideExclusionDto, MoveOutDto, RecordAlternativeOfferedDto, RecordAlternativeRefusedDto } from './dto/exit.dto';
import { EndAmbulantDto, EndFollowUpDto, EnrolAmbulantDto, StartFollowUpDto } from './dto/follow-up.dto';

/** Care around the person (risk, contact persons, plans), leaving (exclusion, move-out), follow-up after, and closing. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller(CASES_BASE)
export class CaseCareController extends CaseCommandController {
  @CaseCommandRoute('RecordRiskAssessment', 'creates')
  riskAssessment(@CaseId() caseId: string, @Body() body: RecordRiskAssessmentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const assessmentId = this.newId(ctx, 'risk-assessment');
    return this.run(res, ctx, { ...body, type: 'RecordRiskAssessment', caseId, assessmentId }, assessmentId);
  }

  @CaseCommandRoute('AssignContactPersons', 'changes')
  contactPersons(@CaseId() caseId: string, @Body() body: AssignContactPersonsDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'AssignContactPersons', caseId });
  }

  @CaseCommandRoute('UpdateCrisisPlan', 'changes')
  crisisPlan(@CaseId() caseId: string, @Body() body: UpdateCrisisPlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'UpdateCrisisPlan', caseId });
  }

  @CaseCommandRoute('UpdateActionPlan', 'changes')
  actionPlan(@CaseId() caseId: string, @Body() body: UpdateActionPlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'UpdateActionPlan', caseId });
  }

  /** The exclusion and its formal decision are one command; both ids are made here. */
  @CaseCommandRoute('DecideExclusion', 'creates')
  exclusion(@CaseId() caseId: string, @Body() body: DecideExclusionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const exclusionId = this.newId(ctx, 'exclusion');
    const decision = { ...body.decision, decisionId: this.newId(ctx, 'exclusion-decision') };
    return this.run(res, ctx, { ...body, type: 'DecideExclusion', caseId, exclusionId, decision }, exclusionId);
  }

  @CaseCommandRoute('RecordAlternativeOffered', 'changes')
  alternativeOffered(@CaseId() caseId: string, @Body() body: RecordAlternativeOfferedDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'RecordAlternativeOffered', caseId });
  }

  @CaseCommandRoute('RecordAlternativeRefused', 'changes')
  alternativeRefused(@CaseId() caseId: string, @Body() body: RecordAlternativeRefusedDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'RecordAlternativeRefused', caseId });
  }

  @CaseCommandRoute('MoveOut', 'creates')
  moveOut(@CaseId() caseId: string, @Body() body: MoveOutDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const moveOutId = this.newId(ctx, 'move-out');
    return this.run(res, ctx, { ...body, type: 'MoveOut', caseId, moveOutId }, moveOutId);
  }

  @CaseCommandRoute('StartFollowUp', 'creates')
  startFollowUp(@CaseId() caseId: string, @Body() body: StartFollowUpDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const followUpId = this.newId(ctx, 'follow-up');
    return this.run(res, ctx, { ...body, type: 'StartFollowUp', caseId, followUpId }, followUpId);
  }

  @CaseCommandRoute('EndFollowUp', 'changes')
  endFollowUp(@CaseId() caseId: string, @Body() body: EndFollowUpDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'EndFollowUp', caseId });
  }

  @CaseCommandRoute('EnrolAmbulant', 'creates')
  enrolAmbulant(@CaseId() caseId: string, @Body() body: EnrolAmbulantDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const enrolmentId = this.newId(ctx, 'ambulant-enrolment');
    return this.run(res, ctx, { ...body, type: 'EnrolAmbulant', caseId, enrolmentId }, enrolmentId);
  }

  @CaseCommandRoute('EndAmbulant', 'changes')
  endAmbulant(@CaseId() caseId: string, @Body() body: EndAmbulantDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'EndAmbulant', caseId });
  }

  @CaseCommandRoute('CloseCase', 'changes')
  close(@CaseId() caseId: string, @Body() body: CloseCaseDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'CloseCase', caseId });
  }
}
