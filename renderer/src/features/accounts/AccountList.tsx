import { useEffect, useLayoutEffect, useRef } from 'react';
import { setCodeWindow } from '../../actions/codes';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { selectVisibleIds } from '../../store/selectors';
import { AccountRow } from './AccountRow';
import { SortableAccounts } from '../organise/SortableAccounts';
import { useRowPitch, useRowWindow } from '../../components/use-window';

/** Marks the first paint of a non-empty list, for `npm run bench:ui` (harmless for users). */
function markFirstPaint(): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => performance.mark('faktor:list-painted');
    channel.port2.postMessage(null);
  });
}

/** The filtered account list, windowed. Re-renders when the order, the set of accounts, the search or the window changes. */
export function AccountList() {
  const { t } = useTranslation();
  const ids = useStore(selectVisibleIds);
  const total = useStore((s) => s.order.length);
  const loaded = useStore((s) => s.loaded);
  const query = useStore((s) => s.query);
  const narrowed = useStore((s) => s.query.trim() !== '' || s.tagFilter !== null);
  const painted = useRef(false);
  const pitch = useRowPitch();
  const { ref, start, end } = useRowWindow(ids.length, pitch);
  useEffect(() => setCodeWindow(ids.slice(start, end)), [ids, start, end]);

  useLayoutEffect(() => {
    if (!painted.current && ids.length > 0) {
      painted.current = true;
      markFirstPaint();
    }
  }, [ids.length]);

  if (!loaded) return <p className="list-status">{t('app.loading')}</p>;
  if (total === 0) return <p className="list-status">{t('list.empty')}</p>;
  return (
    <>
      <p className="list-count" aria-live="polite">
        {!narrowed
          ? t('list.count', { count: ids.length })
          : t('list.countFiltered', { shown: ids.length, count: total })}
      </p>
      {ids.length === 0 ? (
        <p className="list-status">{t('list.noMatches', { query: query.trim() })}</p>
      ) : (
        // Spacer padding stands in for the rows outside the window; aria-setsize/posinset keep the count right.
        <SortableAccounts ids={ids}>
          <ul
            ref={ref}
            className="accounts"
            aria-label={t('list.heading')}
            style={{ paddingTop: start * pitch, height: ids.length * pitch }}
          >
            {ids.slice(start, end).map((id, k) => (
              <AccountRow key={id} id={id} position={start + k + 1} total={ids.length} />
            ))}
          </ul>
        </SortableAccounts>
      )}
    </>
  );
}
