import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PlacementModule } from '../placement/placement.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { CaseCommandService } from './case-command.service';
import { CaseCommandsController } from './case-commands.controller';
import { CaseSearchController } from './case-search.controller';
import { CaseSteps } from './case-steps';
import { GiveUpPlaceWorkflow } from './workflows/give-up-place.workflow';
import { DecisionLetterWorkflow } from './decision-letters/decision-letter.workflow';
import { DecisionLetterController } from './decision-letters/decision-letter.controller';
import { DecisionLetters } from './decision-letters/decision-letters.service';
import { MoveInWorkflow } from './workflows/move-in.workflow';
import { OfferUnitWorkflow } from './workflows/offer-unit.workflow';
import { RegisterReferralWorkflow } from './workflows/register-referral.workflow';
import { StartMappingWorkflow } from './workflows/start-mapping.workflow';
import { TransferUnitWorkflow } from './workflows/transfer-unit.workflow';

/** `/api/v1/cases`: a case from referral to closing, its commands (case-commands.ts) and the case search. */
@Module({
  imports: [ReadModelsModule, PrivacyModule, PlacementModule],
  // The search first: `GET /v1/cases` must not be taken for `GET /v1/cases/:caseId`.
  controllers: [CaseSearchController, CaseCommandsController, DecisionLetterController],
  providers: [
    CaseSteps,
    CaseCommandService,
    RegisterReferralWorkflow,
    OfferUnitWorkflow,
    MoveInWorkflow,
    TransferUnitWorkflow,
    StartMappingWorkflow,
    GiveUpPlaceWorkflow,
    DecisionLetterWorkflow,
    DecisionLetters,
  ],
  exports: [CaseCommandService],
})
export class CasesModule {}
