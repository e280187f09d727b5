import { useTranslation } from 'react-i18next';
import { mixedScripts, type NameScript } from '../../../../shared/text/names';

/**
 * The confirm step's warning for look-alike names (issue #7 item 7): any of `names` that mixes Latin
 * with Cyrillic or Greek letters ("pаypal" with a Cyrillic а) is named — wrapped in FSI…PDI so it
 * cannot reorder the sentence around it — together with the scripts.
 * Renders nothing when every name uses one script.
 */
export function MixedScriptWarning({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  const flagged = [...new Set(names)].filter((n) => mixedScripts(n).length > 0);
  if (flagged.length === 0) return null;
  const scripts = [...new Set(flagged.flatMap((n) => mixedScripts(n)))]
    .map((s: NameScript) => t(`scan.script.${s}`))
    .join(', ');
  return (
    <p className="scan-warning" role="alert" data-warning="mixed-scripts">
      {t('scan.warning.mixed-scripts', {
        names: flagged.map((n) => `\u2068${n}\u2069`).join(', '),
        scripts,
      })}
    </p>
  );
}
