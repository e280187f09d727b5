import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { selectVisibleIds } from '../store/selectors';
import { AccountRow } from './AccountRow';

/** Marks the first paint of a non-empty list, for `npm run bench:ui` (harmless for users). */
function markFirstPaint(): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => performance.mark('faktor:list-painted');
    channel.port2.postMessage(null);
  });
}

/** The filtered account list. Re-renders only when the order, the set of accounts or the search changes. */
export function AccountList() {
  const { t } = useTranslation();
  const ids = useStore(selectVisibleIds);
  const total = useStore((s) => s.order.length);
  const loaded = useStore((s) => s.loaded);
  const query = useStore((s) => s.query);
  const painted = useRef(false);

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
        {t('list.count', { count: ids.length })}
      </p>
      {ids.length === 0 ? (
        <p className="list-status">{t('list.noMatches', { query: query.trim() })}</p>
      ) : (
        <ul className="accounts" aria-label={t('list.heading')}>
          {ids.map((id, i) => (
            <AccountRow key={id} id={id} isFirst={i === 0} isLast={i === ids.length - 1} />
          ))}
        </ul>
      )}
    </>
  );
}
