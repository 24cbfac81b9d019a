import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../api/types';
import { formatDate, formatDateTime, isIsoDay } from '../util/dates';
import { formatNumber } from '../util/numbers';

/** Entries carry a message key and coded parameters; codes are translated too where the messages know them. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const params = (p: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(p).map(([k, v]) => {
        // A day (a deadline, an end) and a figure among the parameters are shown as the reader writes them.
        const one = (x: unknown) =>
          isIsoDay(x)
            ? formatDate(x, i18n.language)
            : typeof x === 'number'
              ? formatNumber(x, i18n.language)
              : typeof x === 'string' && i18n.exists(`enum.${x}`)
                ? t(`enum.${x}`)
                : String(x);
        return [k, Array.isArray(v) ? v.map(one).join(', ') : v === null ? '' : one(v)];
      }),
    );
  // Newest first: what changed last is what the reader needs first.
  const sorted = [...entries].sort((a, b) => Number(b.position) - Number(a.position));
  return (
    <ol className="timeline" aria-label={t('case.timeline')}>
      {sorted.map((e) => (
        <li key={e.eventId}>
          <Text size="sm" fw={500}>
            {t(e.summary.key, {
              ...params(e.summary.params),
              unitLabel: e.summary.params.unitLabel ?? '',
              defaultValue: t(`events.${e.eventType}`, { defaultValue: e.eventType }),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {e.effectiveDate ? formatDate(e.effectiveDate, i18n.language) : ''} · {t(`role.${e.actorRole}`, { defaultValue: e.actorRole })} ·{' '}
            {formatDateTime(e.recordedAt, i18n.language)}
          </Text>
        </li>
      ))}
    </ol>
  );
}
