import { useTranslation } from 'react-i18next';
import { copyCode } from '../../actions/codes';
import { useStore } from '../../store';
import { selectVisibleIds } from '../../store/selectors';

/** Filters the list by service or account name as the user types; Enter copies the first match. */
export function SearchBar() {
  const { t } = useTranslation();
  const query = useStore((s) => s.query);
  return (
    <div className="search" role="search">
      <label htmlFor="search" className="visually-hidden">
        {t('list.searchLabel')}
      </label>
      <input
        id="search"
        type="search"
        value={query}
        placeholder={t('list.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => useStore.getState().setQuery(e.target.value)}
        // Focused when the list appears (start, unlock): typing searches at once.
        autoFocus
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            useStore.getState().setQuery('');
          } else if (e.key === 'Enter') {
            // Enter copies the first match: search, Enter, paste.
            const first = selectVisibleIds(useStore.getState())[0];
            if (first !== undefined) {
              e.preventDefault();
              void copyCode(first);
            }
          }
        }}
      />
    </div>
  );
}
