import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../util/numbers';
import { TableScroll } from './TableScroll';

export type FigureRow = readonly [label: ReactNode, value: number | string | null];

/** A captioned table of figures, one per row: the report's sections and the charts' text alternatives. */
export function FigureTable({
  caption,
  rows,
  valueHeader,
  labelHeader,
  id,
}: {
  caption: string;
  rows: readonly FigureRow[];
  valueHeader: string;
  labelHeader: string;
  id?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <TableScroll>
      <Table captionSide="top" mb="md" id={id} data-testid={id}>
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{labelHeader}</Table.Th>
            <Table.Th scope="col" ta="right">
              {valueHeader}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, value], i) => (
            <Table.Tr key={i}>
              <Table.Th scope="row" fw={400}>
                {label}
              </Table.Th>
              <Table.Td ta="right">{typeof value === 'string' ? value : formatNumber(value, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
