import { useTranslation } from 'react-i18next';

/** Number matching: the request's numbers as toggle buttons; the user picks the one the browser shows. */
export function NumberPicker({
  numbers,
  value,
  onPick,
}: {
  numbers: readonly number[];
  value: number | null;
  onPick: (n: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="servicekonto-numbers">
      <legend>{t('servicekonto.pickNumber')}</legend>
      {numbers.map((n) => (
        <button
          key={n}
          type="button"
          aria-pressed={value === n}
          className={value === n ? 'primary' : ''}
          onClick={() => onPick(n)}
        >
          {n}
        </button>
      ))}
    </fieldset>
  );
}
