import { CaseCareController } from './case-care.controller';
import { CaseStayController } from './case-stay.controller';
import { CasesController } from './cases.controller';

/** The case endpoints, split by concern; all live under /api/v1/cases. Register all three. */
export const CASE_CONTROLLERS = [CasesController, CaseStayController, CaseCareController];
