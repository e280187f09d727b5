import { useTranslation } from 'react-i18next';
import type { FoundCode } from '../../../../shared/qr/found-code';

/** Third of the image a code's centre falls in, per axis. */
type Third = 0 | 1 | 2;
const H = ['left', 'centre', 'right'] as const;
const V = ['top', 'middle', 'bottom'] as const;

/** Coarse place of a code in its image ("top left", "centre", …), for the picker's words. */
export function placeOf(
  code: Pick<FoundCode, 'position' | 'imageSize'>,
): `${(typeof V)[number]}-${(typeof H)[number]}` {
  const p = code.position;
  const cx = (p.topLeft.x + p.topRight.x + p.bottomRight.x + p.bottomLeft.x) / 4;
  const cy = (p.topLeft.y + p.topRight.y + p.bottomRight.y + p.bottomLeft.y) / 4;
  const third = (v: number, size: number): Third =>
    Math.min(2, Math.max(0, Math.floor((3 * v) / size))) as Third;
  return `${V[third(cy, code.imageSize.height)]}-${H[third(cx, code.imageSize.width)]}`;
}

/**
 * Where a found code is: a small map of the display/image with the code's outline marked, plus words
 * ("Display 2, top left"). Main sends no picture of the code on purpose (a crop decodes back to the
 * secret), so this is drawn from the corners and the image size alone.
 */
export function CodeLocation({ code }: { code: FoundCode }) {
  const { t } = useTranslation();
  const { width, height } = code.imageSize;
  const p = code.position;
  const points = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft]
    .map((c) => `${c.x},${c.y}`)
    .join(' ');
  const from =
    code.source.kind === 'screen'
      ? code.source.displayLabel || t('scan.from.screen')
      : t(`scan.from.${code.source.kind}`);
  return (
    <span className="scan-where">
      <svg
        className="scan-map"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMidYMid meet"
        aria-hidden="true"
        focusable="false"
      >
        <rect x={0} y={0} width={width} height={height} className="scan-map-frame" />
        <polygon points={points} className="scan-map-code" />
      </svg>
      <span className="scan-where-text">
        {t('scan.foundAt', { from, place: t(`scan.place.${placeOf(code)}`) })}
      </span>
    </span>
  );
}
