import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/schemas';
import { openDialog } from '../../actions/dialogs';
import { dissolveGroup } from '../../actions/groups';
import { saveSettings } from '../../actions/settings';
import { notifyError } from '../../actions/notify';
import { Field } from '../../components/Field';
import { useStore } from '../../store';
import { selectSort } from '../../store/selectors';
import { allTags } from './arrange';

const SORTS: ReadonlyArray<Settings['sortOrder']> = ['manual', 'name', 'recent'];

/**
 * Above the list: the sort order (saved in settings) and, once any account has a group, the group
 * filter; while it shows one group, "Rename group…" and "Dissolve group" act on every account in it.
 */
export function ListControls() {
  const { t } = useTranslation();
  const sort = useStore(selectSort);
  const byId = useStore((s) => s.byId);
  const language = useStore((s) => s.language);
  const tagFilter = useStore((s) => s.tagFilter);
  const tags = useMemo(() => allTags(Object.values(byId), language), [byId, language]);
  // A filter whose last account lost the tag (edit, delete) falls back to "all".
  const active =
    tagFilter !== null && tags.some((x) => x.toLocaleLowerCase() === tagFilter.toLocaleLowerCase())
      ? tagFilter
      : null;
  useEffect(() => {
    if (tagFilter !== null && active === null) useStore.getState().setTagFilter(null);
  }, [tagFilter, active]);
  return (
    <div className="list-controls">
      <Field
        label={t('organise.sort')}
        control={({ id }) => (
          <select
            id={id}
            value={sort}
            onChange={(e) =>
              void saveSettings({ sortOrder: e.target.value as Settings['sortOrder'] }).catch(
                notifyError,
              )
            }
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`organise.sorts.${s}`)}
              </option>
            ))}
          </select>
        )}
      />
      {tags.length > 0 ? (
        <Field
          label={t('organise.group')}
          control={({ id }) => (
            <select
              id={id}
              value={active ?? ''}
              onChange={(e) =>
                useStore.getState().setTagFilter(e.target.value === '' ? null : e.target.value)
              }
            >
              <option value="">{t('organise.allGroups')}</option>
              {tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          )}
        />
      ) : null}
      {active !== null ? (
        <div
          className="group-actions"
          role="group"
          aria-label={t('organise.groupActions', { name: active })}
        >
          <button type="button" onClick={() => openDialog({ kind: 'rename-group', name: active })}>
            {t('organise.renameGroup.open')}
          </button>
          <button type="button" onClick={() => void dissolveGroup(active)}>
            {t('organise.dissolveGroup')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
