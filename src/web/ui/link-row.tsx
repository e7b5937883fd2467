import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

/**
 * A table row that opens `to` when clicked anywhere. Keep a real link in one of its cells for the
 * keyboard; clicks on links inside the row are left to those links.
 */
export function LinkRow({ to, children }: { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Table.Tr
      style={{ cursor: 'pointer' }}
      onClick={(event) => {
        if (event.target instanceof Element && event.target.closest('a')) return;
        navigate(to);
      }}
    >
      {children}
    </Table.Tr>
  );
}
