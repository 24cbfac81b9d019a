import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../api/types';

/** The stages of the lifecycle a person walks, in order (docs/domain.md, "The lifecycle of a case"). */
const STAGES = ['referral', 'assessment', 'decision', 'offer', 'stay', 'followUp', 'closed'] as const;
type Stage = (typeof STAGES)[number];

/**
 * Where each status stands on that path. A path that ended early (withdrawn, not relevant, refused)
 * stops at the stage that ended it, and the stages after it are not reached. Every status has its row,
 * so a new one does not compile until it is placed.
 */
const STAGE_OF: Record<CaseStatus, { stage: Stage; stopped?: true }> = {
  referred: { stage: 'referral' },
  withdrawn: { stage: 'referral', stopped: true },
  in_assessment: { stage: 'assessment' },
  mapping: { stage: 'assessment' },
  not_relevant: { stage: 'assessment', stopped: true },
  accepted: { stage: 'decision' },
  waitlisted: { stage: 'decision' },
  refused: { stage: 'decision', stopped: true },
  offered: { stage: 'offer' },
  offer_accepted: { stage: 'offer' },
  resident: { stage: 'stay' },
  moved_out: { stage: 'followUp' },
  ambulant: { stage: 'followUp' },
  closed: { stage: 'closed' },
};

type StepState = 'done' | 'current' | 'stopped' | 'ahead';

/** The case's stage on its path, as an ordered list whose current step says so (aria-current), with its state in words for screen readers. */
export function CaseStages({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  const { stage, stopped } = STAGE_OF[status];
  const at = STAGES.indexOf(stage);
  // A closed case has walked its path to the end: its last stage is done, not waiting.
  const stateOf = (i: number): StepState => (i < at || (status === 'closed' && i === at) ? 'done' : i > at ? 'ahead' : stopped ? 'stopped' : 'current');
  return (
    <ol className="case-stages" data-testid="case-stages" aria-label={t('caseStages.title')}>
      {STAGES.map((s, i) => {
        const state = stateOf(i);
        return (
          <li key={s} data-state={state} aria-current={i === at ? 'step' : undefined}>
            <span className="case-stage-mark" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'stopped' ? '✕' : i + 1}
            </span>
            <span className="case-stage-label">{t(`caseStages.${s}`)}</span>
            {state === 'stopped' && <span className="case-stage-note">{t(`status.${status}`)}</span>}
            <VisuallyHidden>{t(`caseStages.state.${state}`)}</VisuallyHidden>
          </li>
        );
      })}
    </ol>
  );
}
