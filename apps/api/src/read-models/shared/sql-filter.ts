/**
 * A WHERE clause from the filters a query was given: a filter left out (undefined) adds nothing.
 * Values are always bound as parameters, never written into the SQL.
 */
export class SqlFilter {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, value: unknown): this {
    if (value === undefined) return this;
    this.conditions.push(condition);
    this.params.push(value);
    return this;
  }

  get clause(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
