import { useEffect, useState, type ReactNode } from 'react';
import { Button, Group, Paper, Stepper, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { CasePicker } from '../components/CasePicker';
import { StaffName } from '../components/StaffName';
import { useTranslation } from 'react-i18next';
import { useReplay } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDate, formatDateTime } from '../util/dates';
import { leafChanges, pathWords, valueWords } from './replay-words';
import { TableScroll } from '../components/TableScroll';

function EdgeButton({ atEdge, onClick, children }: { atEdge: boolean; onClick(): void; children: ReactNode }) {
  return (
    <Button
      variant="default"
      data-disabled={atEdge || undefined}
      aria-disabled={atEdge}
      onClick={() => {
        if (!atEdge) onClick();
      }}
    >
      {children}
    </Button>
  );
}

export function ReplayPage() {
  const { t, i18n } = useTranslation();
  const { caseId } = useParams();
  const [active, setActive] = useState(0);
  const replay = useReplay(caseId);
  useEffect(() => setActive(0), [caseId]);
  const steps = replay.data?.steps ?? [];
  const step = steps[active];
  const words = (v: unknown, path: readonly string[]) => valueWords(t, (k) => i18n.exists(k), i18n.language, v, path[path.length - 1]);

  return (
    <>
      <PageTitle>{t('audit.replayTitle')}</PageTitle>
      <CasePicker to={(id) => `/audit/replay/${id}`} linkLabel={t('audit.load')} />
      {caseId && (
        <Text mb="md">
          <Link to={`/audit/verify?stream=${encodeURIComponent(`case-${caseId}`)}`}>{t('audit.verifyThisCase')}</Link>
        </Text>
      )}
      <QueryState isLoading={replay.isLoading} error={replay.error} />
      {replay.data && steps.length > 0 && (
        <>
          {/* The stepper is the overview; the buttons below are the keyboard path through it. */}
          <Stepper active={active} onStepClick={setActive} size="xs" orientation="horizontal" allowNextStepsSelect mb="md" wrap>
            {steps.map((s) => (
              <Stepper.Step key={s.revision} label={`#${s.revision}`} description={t(`events.${s.type}`, { defaultValue: s.type })} />
            ))}
          </Stepper>
          <Group mb="sm">
            {/* At either end the button is marked unusable but stays focusable: a disabled button would drop the focus of whoever pressed it. */}
            <EdgeButton atEdge={active === 0} onClick={() => setActive(active - 1)}>
              {t('audit.prev')}
            </EdgeButton>
            <Text role="status">{t('audit.step', { n: active + 1, total: steps.length })}</Text>
            <EdgeButton atEdge={active >= steps.length - 1} onClick={() => setActive(active + 1)}>
              {t('audit.next')}
            </EdgeButton>
          </Group>
          {step && (
            <Paper withBorder p="md" component="section" aria-labelledby="step-title">
              <Title order={2} size="h3" id="step-title">
                {t(`events.${step.type}`, { defaultValue: step.type })}
              </Title>
              <Text size="sm" mb="sm">
                <StaffName name={step.actorName} role={step.actorRole} id={step.actorId} /> ·{' '}
                {step.recordedAt ? formatDateTime(step.recordedAt, i18n.language) : '—'} ·{' '}
                {step.effectiveDate ? formatDate(step.effectiveDate, i18n.language) : ''}
              </Text>
              {step.reason && (
                <Text size="sm" mb="sm">
                  <strong>{t('audit.reason')}:</strong> {step.reason}
                </Text>
              )}
              <TableScroll>
                <Table captionSide="top">
                  <caption>{t('audit.changes')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('audit.path')}</Table.Th>
                      <Table.Th scope="col">{t('audit.before')}</Table.Th>
                      <Table.Th scope="col">{t('audit.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {leafChanges(step.changes).map((c) => (
                      <Table.Tr key={c.path.join('.')} data-path={c.path.join('.')}>
                        <Table.Td>{pathWords(t, c.path)}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{words(c.before, c.path)}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{words(c.after, c.path)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </Paper>
          )}
        </>
      )}
    </>
  );
}
