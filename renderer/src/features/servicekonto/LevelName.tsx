import { useTranslation } from 'react-i18next';
import './servicekonto.css';
import { LEVEL_NAME_DE, type DataLevel } from '../../../../shared/levels';

/** A Vertrauensniveau by its German name (in both UI languages), explained in a tooltip. */
export function LevelName({ level }: { level: DataLevel }) {
  const { t } = useTranslation();
  return (
    <abbr className="level-name" title={t(`servicekonto.levelGloss.${level}`)}>
      {LEVEL_NAME_DE[level]}
    </abbr>
  );
}
