import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../api/types';

type Tone = 'blue' | 'violet' | 'orange' | 'green' | 'teal' | 'red' | 'gray';

/**
 * A status's colour by what it means for the person: blue while the referral is being weighed, violet
 * once admitted and waiting, orange while an offer waits for an answer, green while housed or followed
 * up, teal after moving out, red when refused, grey when the path has ended. The one table every list
 * and page uses, so a status looks the same wherever it is shown.
 */
export const STATUS_TONE: Record<CaseStatus, Tone> = {
  referred: 'blue',
  in_assessment: 'blue',
  mapping: 'blue',
  accepted: 'violet',
  waitlisted: 'violet',
  offered: 'orange',
  offer_accepted: 'orange',
  resident: 'green',
  ambulant: 'green',
  moved_out: 'teal',
  refused: 'red',
  withdrawn: 'gray',
  not_relevant: 'gray',
  closed: 'gray',
};

/**
 * The colour is the tint behind near-black text and the border: white text on Mantine's green, orange
 * or teal is below 4.5:1, dark text on their lightest shade is above 9:1. The words carry the meaning.
 */
export function StatusBadge({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  const tone = STATUS_TONE[status];
  return (
    <Badge variant="outline" color={`${tone}.7`} bg={`${tone}.1`} c="dark.9" data-status-tone={tone} data-testid={testId}>
      {t(`status.${status}`)}
    </Badge>
  );
}
