import { Type } from '@nestjs/common';
import { Projection } from '@app/projections';

/** One read model as a folder: its projection and its query handlers (the HTTP routes are the features'). */
export interface ReadModelFeature {
  readonly projection: Projection;
  readonly queryHandlers: readonly Type<unknown>[];
}
