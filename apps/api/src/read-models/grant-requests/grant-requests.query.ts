import type { SelectedRow } from '@app/projections';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ReadModelQueryDto } from '../read-model-query.dto';
import { ReadModels } from '../read-models.service';
import { SqlFilter } from '../shared/sql-filter';
import { GRANT_REQUESTS } from './grant-requests.projection';

const STATUSES = ['pending', 'approved', 'rejected'] as const;
type Status = (typeof STATUSES)[number];

export class GrantRequestsQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: Status;

  @ApiPropertyOptional({ description: 'Only the requests for this user' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export interface GrantRequestEntry {
  requestId: string;
  userId: string;
  role: string;
  facilityIds: string[];
  requestedBy: string;
  requestedAt: string;
  status: Status;
  decidedBy: string | null;
  decidedAt: string | null;
}

export class ListGrantRequestsQuery extends Query<{ items: GrantRequestEntry[] }> {
  constructor(readonly input: { status: Status; userId?: string; minPosition?: string }) {
    super();
  }
}

/** Oldest first: the request waiting longest is decided first. At most 500. */
@QueryHandler(ListGrantRequestsQuery)
export class ListGrantRequestsHandler implements IQueryHandler<ListGrantRequestsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: ListGrantRequestsQuery): Promise<{ items: GrantRequestEntry[] }> {
    await this.readModels.ready([GRANT_REQUESTS], input.minPosition);
    const { clause, params } = new SqlFilter().add('status = ?', input.status).add('user_id = ?', input.userId);
    const rows = this.readModels
      .statement(`SELECT * FROM ${this.readModels.table(GRANT_REQUESTS, 'grant_requests')} ${clause} ORDER BY requested_at, request_id LIMIT 500`)
      .all(...params) as Array<SelectedRow>;
    return {
      items: rows.map((r) => ({
        requestId: r.request_id,
        userId: r.user_id,
        role: r.role,
        facilityIds: JSON.parse(r.facility_ids),
        requestedBy: r.requested_by,
        requestedAt: r.requested_at,
        status: r.status,
        decidedBy: r.decided_by,
        decidedAt: r.decided_at,
      })),
    };
  }
}
