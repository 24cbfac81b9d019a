import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { AuthController } from './auth.controller';
import { CreateUserWorkflow } from './create-user.workflow';
import { SetupService } from './setup.service';
import { UsersController } from './users.controller';

/** `/api/v1/auth`, `/api/v1/users`, `/api/v1/setup`: logging in, accounts and roles, first-run setup. */
@Module({
  imports: [ReadModelsModule],
  controllers: [AuthController, UsersController],
  providers: [CreateUserWorkflow, SetupService],
  exports: [CreateUserWorkflow, SetupService],
})
export class UsersModule {}
