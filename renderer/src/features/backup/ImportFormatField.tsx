import { useTranslation } from 'react-i18next';
import { IMPORT_FORMATS, type ImportFormat } from '../../../../shared/import/types';
import { Field } from '../../components/Field';

/** Another app's file format, or '' for "detect from the file". */
export function ImportFormatField({
  format,
  onChange,
}: {
  format: ImportFormat | '';
  onChange: (format: ImportFormat | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('importer.format')}
      control={({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          value={format}
          onChange={(e) => onChange(e.target.value as ImportFormat | '')}
        >
          <option value="">{t('importer.detect')}</option>
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`importer.formats.${f}`)}
            </option>
          ))}
        </select>
      )}
    />
  );
}
