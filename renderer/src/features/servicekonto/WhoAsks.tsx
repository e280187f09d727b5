import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeansLevel } from '../../../../shared/levels';
import { LevelName } from './LevelName';

/** Who asks for what at which level: the one summary every Servicekonto screen shows before acting. */
export function WhoAsks({
  service,
  origin,
  accountName,
  level,
  children,
}: {
  service?: string;
  origin: string;
  accountName: string;
  level: MeansLevel;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <dl className="scan-summary servicekonto-who">
      {service !== undefined ? (
        <>
          <dt>{t('servicekonto.service')}</dt>
          <dd>{service}</dd>
        </>
      ) : null}
      <dt>{t('servicekonto.server')}</dt>
      <dd className="servicekonto-origin">{origin}</dd>
      <dt>{t('servicekonto.account')}</dt>
      <dd>{accountName}</dd>
      <dt>{t('servicekonto.level')}</dt>
      <dd>
        <LevelName level={level} />
      </dd>
      {children}
    </dl>
  );
}
