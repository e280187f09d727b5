import { useTranslation } from 'react-i18next';
import type { ServicekontoAccountView } from '../../../../shared/ipc/servicekonto-schemas';
import { LevelName } from './LevelName';

/** The account's attributes as the server holds them, each with the level it was proven at. */
export function AccountAttributes({
  attributes,
}: {
  attributes: ServicekontoAccountView['attributes'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h4>{t('servicekonto.view.attributes')}</h4>
      {attributes.length === 0 ? (
        <p className="hint">{t('servicekonto.view.noAttributes')}</p>
      ) : (
        <dl className="scan-summary servicekonto-attributes">
          {attributes.map((a) => (
            <div key={a.name} data-attribute={a.name}>
              <dt>{t(`servicekonto.attr.${a.name}`, { defaultValue: a.name })}</dt>
              <dd>
                {a.value} · <LevelName level={a.level} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
