import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** Filters the list by service or account name as the user types. */
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
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            useStore.getState().setQuery('');
          }
        }}
      />
    </div>
  );
}
