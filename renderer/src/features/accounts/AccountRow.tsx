import { memo, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { copyCode, nextHotpCode } from '../../actions/codes';
import { moveAccount } from '../../actions/accounts';
import { useStore } from '../../store';
import { displayName, selectCanReorder, selectVisibleIds } from '../../store/selectors';
import { DragHandle, useSortableRow } from '../organise/sortable-row';
import { moveTarget } from '../organise/arrange';
import { PinButton, TagList } from '../organise/row-parts';
import { Countdown } from '../../components/Countdown';
import { groupDigits } from './group-digits';
import { useLiveCode } from './use-live-code';

/** Groups digits for reading: 123 456, 1234 5678, 12345 67890. */
export { groupDigits } from './group-digits';

/** Props of AccountRow: the position comes from the list so a row never scans the order itself. */
export interface AccountRowProps {
  id: string;
  /** 1-based position in the (filtered) list. */
  position: number;
  total: number;
}

/** Props of CodeCell: only primitives, so the memoised cell re-renders only when they change. */
interface CodeCellProps {
  id: string;
  type: 'totp' | 'hotp';
  digits: number;
  name: string;
}

/**
 * The code (click/Enter/Space copies) and its countdown (TOTP) or "next code" button (HOTP).
 * React renders the cell's shape — code hidden or shown — and re-renders only when that changes. A new
 * code for a shown cell (every period) is written straight into the button and the countdown from a
 * store subscription (zustand's "transient updates"): three DOM writes per row instead of a React
 * render, a translation lookup and a commit per row at every period boundary.
 */
const CodeCell = memo(function CodeCell({ id, type, digits, name }: CodeCellProps) {
  const { t } = useTranslation();
  const available = useStore((s) => (type === 'hotp' ? s.hotp[id] : s.totp[id]) !== undefined);
  // "Hide codes until revealed" (setting): a TOTP code shows after a click on it, until the row unmounts.
  // HOTP codes already show only after the deliberate "Next code".
  const hide = useStore((s) => s.settings?.hideCodes ?? false) && type === 'totp';
  const [revealed, setRevealed] = useState(false);
  const shown = available && (!hide || revealed);
  const { codeRef, digitsRef, secondsRef, barRef, previewRef } = useLiveCode({
    shown,
    id,
    type,
    name,
  });
  // Static per language: not looked up again for every new code.
  const timerLabel = useMemo(() => t('list.secondsLeftLabel'), [t]);
  const previewTitle = useMemo(() => t('list.nextPreviewTitle'), [t]);

  return (
    <>
      {shown ? (
        // Text, aria-label and data-code are written by useLiveCode (React renders no text here). The
        // digits sit in a fixed-size contained box (app.css), so a new code re-lays-out only that box.
        <button ref={codeRef} type="button" className="code" onClick={() => void copyCode(id)}>
          <span
            ref={digitsRef}
            className="code-digits"
            style={{ '--chars': groupDigits('0'.repeat(digits)).length } as CSSProperties}
          />
        </button>
      ) : available ? (
        <button
          type="button"
          className="code code-hidden"
          aria-label={t('organise.showCode', { name })}
          onClick={() => setRevealed(true)}
        >
          <span aria-hidden="true">{'•'.repeat(digits)}</span>
        </button>
      ) : (
        <span className="code code-hidden" aria-label={t('list.codeHidden')}>
          {'•'.repeat(digits)}
        </span>
      )}
      {type === 'totp' ? (
        shown ? (
          <Countdown
            secondsRef={secondsRef}
            barRef={barRef}
            previewRef={previewRef}
            label={timerLabel}
            previewTitle={previewTitle}
          />
        ) : (
          <span className="countdown" />
        )
      ) : (
        <button
          type="button"
          className="secondary next-code"
          aria-label={t('list.nextCodeLabel', { name })}
          onClick={() => void nextHotpCode(id)}
        >
          {t('list.nextCode')}
        </button>
      )}
    </>
  );
});

/**
 * One account: avatar, names, the code cell, and actions. Memoised and not subscribed to the code: it
 * re-renders only when its own account, its position or the reorder permission changes.
 */
export const AccountRow = memo(function AccountRow({ id, position, total }: AccountRowProps) {
  const { t } = useTranslation();
  const account = useStore((s) => s.byId[id]);
  const canReorder = useStore(selectCanReorder);
  // Moves stay inside the pin group (features/organise/arrange.ts): the first unpinned row cannot go up.
  const canUp = useStore((s) => moveTarget(selectVisibleIds(s), s.byId, id, -1) !== null);
  const canDown = useStore((s) => moveTarget(selectVisibleIds(s), s.byId, id, 1) !== null);
  const { sortable, style, dragging } = useSortableRow(id, canReorder);
  if (!account) return null;
  const name = displayName(account);

  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={dragging ? 'account dragging' : 'account'}
      data-account-id={id}
      aria-posinset={position}
      aria-setsize={total}
    >
      <DragHandle account={account} name={name} sortable={sortable} enabled={canReorder} />
      <span className="names">
        <bdi className="issuer">{account.issuer || account.label}</bdi>
        <span className="sub">
          <span className="label">
            {account.issuer ? <bdi>{account.label}</bdi> : null}
            {account.issuer && account.type === 'hotp' ? ' · ' : null}
            {account.type === 'hotp' ? t('list.hotpHint', { counter: account.counter }) : null}
          </span>
          {account.tags.length > 0 ? <TagList tags={account.tags} /> : null}
        </span>
      </span>
      <CodeCell id={id} type={account.type} digits={account.digits} name={name} />
      <span className="row-actions">
        <PinButton id={id} pinned={account.pinned} name={name} />
        <button
          type="button"
          className="icon"
          aria-label={t('list.moveUp', { name })}
          title={canReorder ? t('list.moveUp', { name }) : t('list.reorderHint')}
          disabled={!canReorder || !canUp}
          onClick={() => void moveAccount(id, -1)}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t('list.moveDown', { name })}
          title={canReorder ? t('list.moveDown', { name }) : t('list.reorderHint')}
          disabled={!canReorder || !canDown}
          onClick={() => void moveAccount(id, 1)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t('list.edit', { name })}
          title={t('list.edit', { name })}
          onClick={() => useStore.getState().openDialog({ kind: 'edit', id })}
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          type="button"
          className="icon danger"
          aria-label={t('list.delete', { name })}
          title={t('list.delete', { name })}
          onClick={() => useStore.getState().openDialog({ kind: 'delete', id })}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </span>
    </li>
  );
});
