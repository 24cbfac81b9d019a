import { Module } from '@nestjs/common';
import { ProjectionEngine, ReadModelDb } from '@app/projections';
import { READ_MODEL_FEATURES } from './features';
import { PersonFiles } from './person-files/person-files.service';
import { ProjectionsLifecycle, readModelProviders } from './read-models.providers';
import { ReadModels } from './read-models.service';

/** The read models: their database, the projection engine that keeps them, and their query handlers (QueryBus). */
@Module({
  providers: [...readModelProviders, ProjectionsLifecycle, ReadModels, PersonFiles, ...READ_MODEL_FEATURES.flatMap((f) => f.queryHandlers)],
  exports: [ReadModelDb, ProjectionEngine, ReadModels, PersonFiles],
})
export class ReadModelsModule {}
