import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../../platform/auth/actor';
import { CommandContext } from '../../platform/commands/command-runner';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../privacy/personal-data-read';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { respond } from '../../platform/http/respond';
import { CaseCommandController, CaseCommandRoute, CaseId, CaseIdDoc } from './case-command.endpoint';
import { CASES_BASE } from './case-routes';
import { caseView, CaseViewDto } from './case-view';
import { EndMappingDto, RecordAssessmentMeetingDto, StartMappingDto } from './dto/assessment.dto';
import { ForwardAppealDto, IssueDecisionDto, ReceiveAppealDto, RecordAppealOutcomeDto, ReviewAppealDto } from './dto/decision.dto';
import { RegisterReferralDto, WithdrawReferralDto } from './dto/referral.dto';

/**
 * A case from referral to decision: registering and reading it, the assessment team, mapping, formal
 * decisions and appeals. The stay is in CaseStayController, care and leaving in CaseCareController.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller(CASES_BASE)
export class CasesController extends CaseCommandController {
  @Post()
  @HttpCode(201)
  @Requires('case.command')
  @ApiOperation({ summary: 'RegisterReferral' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new case' })
  async register(@Body() body: RegisterReferralDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.cases.registerReferral({ ...body }, ctx);
    return respond(res, outcome, outcome.caseId);
  }

  /** The case as the command side holds it, with the revision for If-Match and what the reader may do next. */
  @Get(':caseId')
  @Requires('read.case')
  @PersonalDataRead('case')
  @CaseIdDoc()
  @ApiOkResponse({ type: CaseViewDto })
  async get(@CaseId() caseId: string, @CurrentActor() actor: Actor, @FileAccessParam() access: FileAccess, @Res({ passthrough: true }) res: Response) {
    const loaded = await this.cases.read(caseId);
    access.allow([loaded.state.facility.facilityId]);
    res.setHeader('ETag', `"${loaded.revision}"`);
    return caseView(caseId, loaded, actor);
  }

  @CaseCommandRoute('WithdrawReferral', 'changes')
  withdraw(@CaseId() caseId: string, @Body() body: WithdrawReferralDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'WithdrawReferral', caseId });
  }

  @CaseCommandRoute('RecordAssessmentMeeting', 'creates')
  assessmentMeeting(@CaseId() caseId: string, @Body() body: RecordAssessmentMeetingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const meetingId = this.newId(ctx, 'meeting');
    return this.run(res, ctx, { ...body, type: 'RecordAssessmentMeeting', caseId, meetingId }, meetingId);
  }

  @CaseCommandRoute('StartMapping', 'creates')
  startMapping(@CaseId() caseId: string, @Body() body: StartMappingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const mappingId = this.newId(ctx, 'mapping');
    return this.run(res, ctx, { ...body, type: 'StartMapping', caseId, mappingId }, mappingId);
  }

  @CaseCommandRoute('EndMapping', 'changes')
  endMapping(@CaseId() caseId: string, @Body() body: EndMappingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'EndMapping', caseId });
  }

  @CaseCommandRoute('IssueDecision', 'creates')
  issueDecision(@CaseId() caseId: string, @Body() body: IssueDecisionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const decisionId = this.newId(ctx, 'decision');
    return this.run(res, ctx, { ...body, type: 'IssueDecision', caseId, decisionId }, decisionId);
  }

  @CaseCommandRoute('ReceiveAppeal', 'creates')
  receiveAppeal(@CaseId() caseId: string, @Body() body: ReceiveAppealDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const appealId = this.newId(ctx, 'appeal');
    return this.run(res, ctx, { ...body, type: 'ReceiveAppeal', caseId, appealId }, appealId);
  }

  @CaseCommandRoute('ReviewAppeal', 'changes')
  reviewAppeal(@CaseId() caseId: string, @Body() body: ReviewAppealDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ReviewAppeal', caseId });
  }

  @CaseCommandRoute('ForwardAppeal', 'changes')
  forwardAppeal(@CaseId() caseId: string, @Body() body: ForwardAppealDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'ForwardAppeal', caseId });
  }

  @CaseCommandRoute('RecordAppealOutcome', 'changes')
  appealOutcome(@CaseId() caseId: string, @Body() body: RecordAppealOutcomeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, ctx, { ...body, type: 'RecordAppealOutcome', caseId });
  }
}
