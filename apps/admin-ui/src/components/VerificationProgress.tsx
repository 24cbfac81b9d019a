import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VerificationJob } from '../api/types';
import { formatNumber } from '../util/numbers';

/**
 * How far a verification job has come: a bar with its percent (moving without one while the store cannot
 * tell how many events there are), the events checked, the rate and an estimate of the time left.
 */
export function VerificationProgress({ job }: { job: VerificationJob }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const running = job.state === 'running';
  const percent = job.percent;
  const parts = [
    percent !== null && t('verification.percent', { percent }),
    job.total !== null
      ? t('verification.checkedOf', { checked: n(job.eventsChecked), total: n(job.total) })
      : t('verification.checked', { checked: n(job.eventsChecked) }),
    job.eventsPerSecond > 0 && t('verification.rate', { rate: n(job.eventsPerSecond) }),
    running && job.secondsLeft !== null && timeLeft(job.secondsLeft, t),
    job.state === 'done' && t('verification.finished'),
  ].filter(Boolean);
  return (
    <Stack gap={4} mb="sm" w={420}>
      <Progress
        value={percent ?? 100}
        striped={running}
        animated={running && percent === null}
        aria-label={t('verification.progress')}
        data-testid="verify-progress"
        data-state={job.state}
      />
      <Text size="sm" data-testid="verify-progress-text">
        {parts.join(' · ')}
      </Text>
    </Stack>
  );
}

function timeLeft(seconds: number, t: (key: string, options: { count: number }) => string): string {
  if (seconds < 60) return t('verification.secondsLeft', { count: Math.max(1, seconds) });
  return t('verification.minutesLeft', { count: Math.ceil(seconds / 60) });
}
