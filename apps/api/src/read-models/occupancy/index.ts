import { ReadModelFeature } from '../read-model-feature';
import { occupancyProjection } from './occupancy.projection';
import { ListFacilityUnitsHandler } from './facility-units.query';
import { GetOccupancyBoardHandler, GetOccupancyOnDayHandler, ListFacilitiesHandler } from './occupancy.query';

export const occupancyFeature: ReadModelFeature = {
  projection: occupancyProjection,
  queryHandlers: [GetOccupancyBoardHandler, GetOccupancyOnDayHandler, ListFacilitiesHandler, ListFacilityUnitsHandler],
};
