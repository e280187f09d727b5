import { useTranslation } from 'react-i18next';
import { setPinned } from '../../actions/accounts';

/** The pin toggle of a row: a toggle button (aria-pressed) whose name says which account it pins. */
export function PinButton({ id, pinned, name }: { id: string; pinned: boolean; name: string }) {
  const { t } = useTranslation();
  const label = t('organise.pin', { name });
  return (
    <button
      type="button"
      className={pinned ? 'icon pin pinned' : 'icon pin'}
      aria-pressed={pinned}
      aria-label={label}
      title={label}
      onClick={() => void setPinned(id, !pinned)}
    >
      <span aria-hidden="true">{pinned ? '★' : '☆'}</span>
    </button>
  );
}

/** An account's groups after its name, each isolated (a tag is user text like a name). */
export function TagList({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <span className="tags">
      <span className="visually-hidden">{t('organise.tagsPrefix')}</span>
      {tags.map((tag) => (
        <bdi key={tag} className="tag">
          {tag}
        </bdi>
      ))}
    </span>
  );
}
