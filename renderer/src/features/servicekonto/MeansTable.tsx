import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceMeans } from '../../../../shared/servicekonto/device-account';
import { LevelName } from './LevelName';

/**
 * The account's registered means: kind, level, status, registered, last used, this desktop marked.
 * "Block" (sperren) is offered for every means that is not blocked yet — §4.4 allows it from a lower
 * level — and needs a second, deliberate click, since only the Servicekonto can unblock.
 */
export function MeansTable({
  means,
  canBlock,
  onBlock,
}: {
  means: readonly DeviceMeans[];
  canBlock: boolean;
  onBlock: (id: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  const date = (ms: number | null): string =>
    ms === null ? t('servicekonto.view.never') : new Date(ms).toLocaleString(i18n.language);
  return (
    <table className="servicekonto-means">
      <caption>{t('servicekonto.view.means')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('servicekonto.view.kind')}</th>
          <th scope="col">{t('servicekonto.level')}</th>
          <th scope="col">{t('servicekonto.view.status')}</th>
          <th scope="col">{t('servicekonto.view.registered')}</th>
          <th scope="col">{t('servicekonto.view.lastUsed')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('servicekonto.view.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {means.map((m) => {
          const kind = t(`servicekonto.kind.${m.kind}`, { defaultValue: m.kind });
          return (
            <tr
              key={m.id}
              data-means={m.id}
              data-kind={m.kind}
              data-status={m.status}
              data-this-device={m.thisDevice ? 'true' : undefined}
            >
              <th scope="row">
                {kind}
                {m.label ? ` (${m.label})` : ''}
                {m.thisDevice ? (
                  <strong className="servicekonto-this">
                    {' '}
                    · {t('servicekonto.view.thisDesktop')}
                  </strong>
                ) : null}
              </th>
              <td>
                <LevelName level={m.level} />
              </td>
              <td>{t(`servicekonto.view.statusName.${m.status}`)}</td>
              <td>{date(m.registeredAt)}</td>
              <td>{date(m.lastUsedAt)}</td>
              <td>
                {m.status === 'blocked' || !canBlock ? null : (
                  <BlockControl
                    kind={kind}
                    asking={asking === m.id}
                    onAsk={() => setAsking(m.id)}
                    onCancel={() => setAsking(null)}
                    onConfirm={() => void onBlock(m.id).finally(() => setAsking(null))}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One means' "Block", and after that first click the deliberate second one (or cancel). */
function BlockControl(props: {
  kind: string;
  asking: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const { kind } = props;
  return props.asking ? (
    <span role="group" aria-label={t('servicekonto.view.blockAsk', { kind })}>
      {t('servicekonto.view.blockAsk', { kind })}{' '}
      <button type="button" onClick={props.onCancel}>
        {t('servicekonto.view.cancel')}
      </button>{' '}
      <button type="button" className="danger" onClick={props.onConfirm}>
        {t('servicekonto.view.blockConfirm')}
      </button>
    </span>
  ) : (
    <button
      type="button"
      onClick={props.onAsk}
      aria-label={t('servicekonto.view.blockOne', { kind })}
    >
      {t('servicekonto.view.block')}
    </button>
  );
}
