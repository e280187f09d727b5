import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';

/** The otpauth:// link to add, as a small text area where Enter submits the form (a link is one line). */
export function UriField({
  uri,
  error,
  onChange,
}: {
  uri: string;
  error: string | null;
  onChange: (uri: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('add.uriLabel')}
      help={t('add.uriHelp')}
      error={error}
      control={({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          rows={3}
          value={uri}
          spellCheck={false}
          data-autofocus
          onChange={(e) => onChange(e.target.value)}
          // A link is one line: Enter adds (Shift+Enter still breaks the line).
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      )}
    />
  );
}
