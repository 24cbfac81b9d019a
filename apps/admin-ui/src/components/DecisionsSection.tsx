import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { decisionLetterPaths } from '../api/endpoints';
import type { CaseFull } from '../api/types';
import { formatDate, today } from '../util/dates';
import { DownloadButton } from './DownloadButton';

/** The case's formal decisions, each with its letter as sent (PDF and printable page). */
export function DecisionsSection({ kase }: { kase: CaseFull }) {
  const { t, i18n } = useTranslation();
  const decisions = Object.values(kase.decisions ?? {}).sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? ''));
  if (decisions.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decisions-title">
      <Title order={2} size="h3" id="decisions-title" mb="sm">
        {t('decisions.title')}
      </Title>
      <Stack gap="sm">
        {decisions.map((d) => (
          <div key={d.decisionId} data-decision={d.decisionId}>
            <Text size="sm" fw={600}>
              {t(`enum.${d.kind}`, { defaultValue: d.kind })}
              {d.issuedOn && ` · ${formatDate(d.issuedOn, i18n.language)}`}
              {d.standing && d.standing !== 'standing' && ` · ${t(`enum.${d.standing}`, { defaultValue: d.standing })}`}
            </Text>
            {d.appealNotice && (
              <Text size="sm">
                {t('decisions.deadline', { date: formatDate(d.appealNotice.deadline, i18n.language), body: t(`enum.${d.appealNotice.appealBody}`) })}
                {d.appealNotice.deadline < today() && (
                  <>
                    {' '}
                    <Badge color="red.9" variant="filled" tt="none" data-testid="appeal-deadline-passed">
                      {t('decisions.deadlinePassed', { date: formatDate(d.appealNotice.deadline, i18n.language) })}
                    </Badge>
                  </>
                )}
              </Text>
            )}
            <Group gap="xs" mt={4}>
              <DownloadButton
                id={`letter-pdf-${d.decisionId}`}
                path={decisionLetterPaths(kase.caseId, d.decisionId).pdf}
                fallbackName={`vedtak_${d.issuedOn ?? d.decisionId}.pdf`}
                label={t('decisions.letterPdf')}
              />
              <DownloadButton
                id={`letter-html-${d.decisionId}`}
                path={decisionLetterPaths(kase.caseId, d.decisionId).html}
                fallbackName={`vedtak_${d.issuedOn ?? d.decisionId}.html`}
                label={t('decisions.letterHtml')}
              />
            </Group>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
