import { Type } from '@nestjs/common';
import { Projection } from '@app/projections';

/** One read model as a folder: its projection, its query handlers and its HTTP controllers. */
export interface ReadModelFeature {
  readonly projection: Projection;
  readonly queryHandlers: readonly Type<unknown>[];
  readonly controllers: readonly Type<unknown>[];
}
