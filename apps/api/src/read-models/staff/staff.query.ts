import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '../read-models.service';
import { STAFF } from './staff.projection';

/** The display names of the users given, by user id; a user the read model does not know is left out. */
export class StaffNamesQuery extends Query<ReadonlyMap<string, string>> {
  constructor(readonly userIds: readonly string[]) {
    super();
  }
}

@QueryHandler(StaffNamesQuery)
export class StaffNamesHandler implements IQueryHandler<StaffNamesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ userIds }: StaffNamesQuery): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    await this.readModels.ready([STAFF]);
    const rows = this.readModels
      .statement(`SELECT user_id, display_name FROM ${this.readModels.table(STAFF, 'staff_names')} WHERE user_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as Array<{ user_id: string; display_name: string }>;
    return new Map(rows.map((r) => [r.user_id, r.display_name]));
  }
}
