import { useTranslation } from 'react-i18next';
import type { ManualErrors, ManualForm } from '../../validate';
import { Field } from '../../components/Field';

/** Changes one field of the typed-in account. */
type SetManualField = <K extends keyof ManualForm>(key: K, value: ManualForm[K]) => void;

/** What the typed-in account's fields show and change. */
interface ManualFieldsProps {
  form: ManualForm;
  errors: ManualErrors;
  set: SetManualField;
}

/**
 * Typing an account in: issuer, name and secret, and under "Advanced" type, algorithm, digits and the
 * period (TOTP) or counter (HOTP). Each field shows its own error (a translation key from validate.ts).
 */
export function ManualAccountFields({ form, errors, set }: ManualFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('add.issuer')}
        help={t('add.issuerHelp')}
        error={errors.issuer ? t(errors.issuer) : null}
        value={form.issuer}
        autoFocus
        onChange={(e) => set('issuer', e.target.value)}
      />
      <Field
        label={t('add.label')}
        help={t('add.labelHelp')}
        error={errors.label ? t(errors.label) : null}
        value={form.label}
        required
        onChange={(e) => set('label', e.target.value)}
      />
      <Field
        label={t('add.secret')}
        help={t('add.secretHelp')}
        error={errors.secret ? t(errors.secret) : null}
        value={form.secret}
        required
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => set('secret', e.target.value)}
      />
      <AdvancedFields form={form} errors={errors} set={set} />
    </>
  );
}

/** Under "Advanced": type, algorithm, digits, and the period (TOTP) or counter (HOTP). */
function AdvancedFields({ form, errors, set }: ManualFieldsProps) {
  const { t } = useTranslation();
  return (
    <details className="advanced">
      <summary>{t('add.advanced')}</summary>
      <Field
        label={t('add.type')}
        control={({ id }) => (
          <select
            id={id}
            value={form.type}
            onChange={(e) => set('type', e.target.value as ManualForm['type'])}
          >
            <option value="totp">{t('add.totp')}</option>
            <option value="hotp">{t('add.hotp')}</option>
          </select>
        )}
      />
      <Field
        label={t('add.algorithm')}
        control={({ id }) => (
          <select
            id={id}
            value={form.algorithm}
            onChange={(e) => set('algorithm', e.target.value as ManualForm['algorithm'])}
          >
            <option value="SHA1">SHA-1</option>
            <option value="SHA256">SHA-256</option>
            <option value="SHA512">SHA-512</option>
          </select>
        )}
      />
      <Field
        label={t('add.digits')}
        inputMode="numeric"
        error={errors.digits ? t(errors.digits) : null}
        value={form.digits}
        onChange={(e) => set('digits', e.target.value)}
      />
      {form.type === 'totp' ? (
        <Field
          label={t('add.period')}
          inputMode="numeric"
          error={errors.period ? t(errors.period) : null}
          value={form.period}
          onChange={(e) => set('period', e.target.value)}
        />
      ) : (
        <Field
          label={t('add.counter')}
          inputMode="numeric"
          error={errors.counter ? t(errors.counter) : null}
          value={form.counter}
          onChange={(e) => set('counter', e.target.value)}
        />
      )}
    </details>
  );
}
