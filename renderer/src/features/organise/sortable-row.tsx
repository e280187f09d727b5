import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { AccountView } from '../../../../shared/ipc/schemas';
import { AccountAvatar } from './AccountAvatar';

/**
 * A row's part in drag-and-drop (SortableAccounts.tsx): the ref and style for the `<li>`, and its
 * handle. Disabled unless the manual order is shown (like the move buttons).
 */
export function useSortableRow(id: string, enabled: boolean) {
  const { t } = useTranslation();
  const sortable = useSortable({
    id,
    disabled: !enabled,
    attributes: { roleDescription: t('organise.dnd.roleDescription') },
  });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(sortable.transform),
    transition: sortable.transition,
  };
  return { sortable, style, dragging: sortable.isDragging };
}

/**
 * The drag handle: the row's avatar as a button (pointer drag, or Space/Enter then the arrow keys). When
 * the order cannot change (search, another sort) it is the plain avatar, so Tab does not stop on it.
 */
export function DragHandle({
  account,
  name,
  sortable,
  enabled,
}: {
  account: AccountView;
  name: string;
  sortable: ReturnType<typeof useSortable>;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  if (!enabled) return <AccountAvatar account={account} />;
  const label = t('organise.dnd.handle', { name });
  return (
    <button
      type="button"
      ref={sortable.setActivatorNodeRef}
      className="drag-handle"
      aria-label={label}
      title={label}
      {...sortable.attributes}
      {...sortable.listeners}
    >
      <AccountAvatar account={account} />
    </button>
  );
}
