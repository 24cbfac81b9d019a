import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Finding, VerificationReport } from '../api/types';
import { TableScroll } from './TableScroll';

/**
 * Each finding of a broken chain in words: what is wrong, said from its code (kind, and cause where
 * given), and where: the stream, the revision and position (or their range) and the seal that showed it.
 */
export function VerificationFindings({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  const where = (value: string | undefined) =>
    value
      ?.split('..')
      .map((end) => (end === 'start' ? t('verification.logStart') : end))
      .join('–') ?? '';
  return (
    <>
      <Text size="sm" mb="xs">
        {t('verification.brokenSummary', { count: report.findings.length + report.findingsOmitted })}
      </Text>
      <TableScroll>
        <Table aria-label={t('audit.findings')} data-testid="verify-findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.findingKind')}</Table.Th>
              <Table.Th scope="col">{t('audit.stream')}</Table.Th>
              <Table.Th scope="col">{t('audit.revision')}</Table.Th>
              <Table.Th scope="col">{t('audit.position')}</Table.Th>
              <Table.Th scope="col">{t('audit.seal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.findings.map((f, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t(`audit.findingKinds.${f.kind}`, { defaultValue: t('verification.unknownFinding') })}
                  </Text>
                  <Text size="sm">{explanation(f, t)}</Text>
                </Table.Td>
                <Table.Td>{f.stream ?? ''}</Table.Td>
                <Table.Td>{where(f.revision)}</Table.Td>
                <Table.Td>{where(f.position)}</Table.Td>
                <Table.Td>{f.seal ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {report.findingsOmitted > 0 && <Text size="sm">{t('audit.findingsOmitted', { count: report.findingsOmitted })}</Text>}
    </>
  );
}

function explanation(f: Finding, t: (key: string, options?: { defaultValue: string }) => string): string {
  const fallback = { defaultValue: '' };
  return f.cause ? t(`verification.causes.${f.cause}`, fallback) : t(`verification.explain.${f.kind}`, fallback);
}
