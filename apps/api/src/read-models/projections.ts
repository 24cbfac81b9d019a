import { Projection } from '@app/projections';
import { READ_MODEL_FEATURES } from './features';

export const ALL_PROJECTIONS: readonly Projection[] = READ_MODEL_FEATURES.map((f) => f.projection);
