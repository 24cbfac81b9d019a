import { Injectable } from '@nestjs/common';
import { ReadModels } from '../read-models.service';

@Injectable()
export class PersonFiles {
  constructor(private readonly readModels: ReadModels) {}

  /** The facilities of a person's cases, once the read model has caught up with the log. */
  async facilitiesOf(personId: string): Promise<string[]> {
    await this.readModels.ready(['person_files']);
    const rows = this.readModels
      .statement(`SELECT DISTINCT facility_id FROM ${this.readModels.table('person_files', 'person_cases')} WHERE person_id = ?`)
      .all(personId) as Array<{ facility_id: string }>;
    return rows.map((r) => r.facility_id);
  }
}
