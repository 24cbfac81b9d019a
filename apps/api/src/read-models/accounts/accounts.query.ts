import type { SelectedRow } from '@app/projections';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role, ROLES } from '@app/domain';
import { NotFound } from '../../platform/errors/command-errors';
import { PagedQueryDto } from '../read-model-query.dto';
import { ReadModels } from '../read-models.service';
import { likeEscape, searchKey } from '../shared/read-scope';
import { ACCOUNTS } from './accounts.projection';

export class AccountsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'Part of the username or display name (every word must occur, any case)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only accounts holding this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export interface AccountGrant {
  role: Role;
  facilityIds: string[];
}

export interface Account {
  userId: string;
  username: string;
  displayName: string;
  disabled: boolean;
  createdOn: string;
  grants: AccountGrant[];
}

export interface AccountList {
  total: number;
  limit: number;
  offset: number;
  items: Account[];
}

export class ListAccountsQuery extends Query<AccountList> {
  constructor(readonly input: { q?: string; role?: Role; limit: number; offset: number; minPosition?: string }) {
    super();
  }
}

export class GetAccountQuery extends Query<Account> {
  constructor(readonly input: { userId: string; minPosition?: string }) {
    super();
  }
}

/** The accounts' rows with their grants, in the order given. */
function withGrants(readModels: ReadModels, rows: SelectedRow[]): Account[] {
  const roles = readModels
    .statement(`SELECT * FROM ${readModels.table(ACCOUNTS, 'account_roles')} WHERE user_id IN (SELECT value FROM json_each(?)) ORDER BY role`)
    .all(JSON.stringify(rows.map((r) => r.user_id))) as SelectedRow[];
  return rows.map((r) => ({
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    disabled: r.disabled === 1,
    createdOn: r.created_on,
    grants: roles.filter((g) => g.user_id === r.user_id).map((g) => ({ role: g.role, facilityIds: JSON.parse(g.facility_ids) })),
  }));
}

/** By username; `limit` at most 500 (PagedQueryDto). */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: ListAccountsQuery): Promise<AccountList> {
    await this.readModels.ready([ACCOUNTS], input.minPosition);
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    for (const word of searchKey(input.q ?? '')
      .split(/\s+/)
      .filter(Boolean)) {
      where.push(`a.search_key LIKE ? ESCAPE '\\'`);
      params.push(`%${likeEscape(word)}%`);
    }
    if (input.role) {
      where.push(`EXISTS (SELECT 1 FROM ${this.readModels.table(ACCOUNTS, 'account_roles')} r WHERE r.user_id = a.user_id AND r.role = ?)`);
      params.push(input.role);
    }
    const from = `FROM ${this.readModels.table(ACCOUNTS, 'accounts')} a WHERE ${where.join(' AND ')}`;
    const { total } = this.readModels.statement(`SELECT COUNT(*) AS total ${from}`).get(...params) as { total: number };
    const rows = this.readModels
      .statement(`SELECT a.* ${from} ORDER BY a.username, a.user_id LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset) as SelectedRow[];
    return { total, limit: input.limit, offset: input.offset, items: withGrants(this.readModels, rows) };
  }
}

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: GetAccountQuery): Promise<Account> {
    await this.readModels.ready([ACCOUNTS], input.minPosition);
    const row = this.readModels.statement(`SELECT * FROM ${this.readModels.table(ACCOUNTS, 'accounts')} WHERE user_id = ?`).get(input.userId) as
      SelectedRow | undefined;
    if (!row) throw new NotFound('User');
    return withGrants(this.readModels, [row])[0];
  }
}
