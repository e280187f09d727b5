import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type Modifier,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { dropAccount } from '../../actions/accounts';
import { useStore } from '../../store';
import { displayName, selectVisibleIds } from '../../store/selectors';
import { AccountAvatar } from './AccountAvatar';
import { dropIndex } from './arrange';

/** Rows move up and down only. */
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

/** Name, 1-based position of `overId` (clamped to the pin group, as the drop will be) and the count, for announcements. */
function where(id: UniqueIdentifier, overId: UniqueIdentifier | undefined) {
  const s = useStore.getState();
  const visible = selectVisibleIds(s);
  const account = s.byId[String(id)];
  const from = visible.indexOf(String(id));
  const to = overId === undefined ? null : dropIndex(visible, s.byId, String(id), String(overId));
  return {
    name: account ? displayName(account) : '',
    position: (to ?? from) + 1,
    total: visible.length,
  };
}

/** The announcements dnd-kit reads out in the live region, in the UI language. */
function useAnnouncements(): Announcements {
  const { t } = useTranslation();
  return useMemo(() => {
    // The row is over itself right after the pick-up; that is not news (it would replace "Picked up").
    // The drop is announced with the place last announced: by then the list may already show the new order.
    let moved = false;
    let origin = { name: '', position: 0, total: 0 };
    let last = origin;
    return {
      onDragStart: ({ active }) => {
        moved = false;
        origin = last = where(active.id, undefined);
        return t('organise.dnd.picked', origin);
      },
      onDragOver: ({ active, over }) => {
        moved ||= over?.id !== active.id;
        if (!moved) return undefined;
        last = where(active.id, over?.id);
        return t('organise.dnd.over', last);
      },
      onDragEnd: ({ over }) =>
        over ? t('organise.dnd.dropped', last) : t('organise.dnd.cancelled', origin),
      onDragCancel: () => t('organise.dnd.cancelled', origin),
    };
  }, [t]);
}

/** What follows the pointer (or the keys) while a row is dragged; it outlives the row when the window unmounts it. */
function DragPreview({ id }: { id: string }) {
  const account = useStore((s) => s.byId[id]);
  if (!account) return null;
  return (
    <div className="account drag-preview" aria-hidden="true">
      <AccountAvatar account={account} />
      <span className="names">
        <bdi className="issuer">{account.issuer || account.label}</bdi>
        {account.issuer ? <bdi className="label">{account.label}</bdi> : null}
      </span>
    </div>
  );
}

/**
 * Drag-and-drop reorder of the windowed list (@dnd-kit): pointer or keyboard (Space/Enter, arrows,
 * Space/Enter, Escape) with announcements in the UI language. The sortable items are every shown id, so
 * the order is right even for rows the window has not mounted; a DragOverlay carries the dragged row
 * while it is scrolled out of the window, and the window auto-scrolls near its edges. A drop goes
 * through `dropAccount` (the move buttons' channel). Rows join in with `useSortableRow`.
 */
export function SortableAccounts({ ids, children }: { ids: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const [active, setActive] = useState<string | null>(null);
  const sensors = useSensors(
    // A click on the handle (or a small slip of the hand) is not a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const announcements = useAnnouncements();
  const end = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    if (over && a.id !== over.id) void dropAccount(String(a.id), String(over.id));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[verticalOnly]}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('organise.dnd.instructions') },
      }}
      onDragStart={({ active: a }) => setActive(String(a.id))}
      onDragEnd={end}
      onDragCancel={() => setActive(null)}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
      <DragOverlay dropAnimation={null}>
        {active !== null ? <DragPreview id={active} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
