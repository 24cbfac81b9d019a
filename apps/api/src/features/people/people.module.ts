import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { PersonExportController } from './export/person-export.controller';
import { PersonExportService } from './export/person-export.service';
import { ForgetPersonWorkflow } from './forget-person.workflow';
import { PeopleController } from './people.controller';
import { RegisterPersonWorkflow } from './register-person.workflow';
import { TimelineController } from './timeline.controller';

/** `/api/v1/people`: registering and correcting a person, their timeline, the right-of-access export, forgetting. */
@Module({
  imports: [ReadModelsModule, PrivacyModule],
  controllers: [PeopleController, TimelineController, PersonExportController],
  providers: [RegisterPersonWorkflow, ForgetPersonWorkflow, PersonExportService],
  exports: [RegisterPersonWorkflow],
})
export class PeopleModule {}
