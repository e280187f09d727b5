import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { FaktorError } from '../../../../shared/errors';
import type { ImportFormat } from '../../../../shared/import/types';
import type { ImportPreview } from '../../../../shared/ipc/schemas';
import { loadAccounts } from '../../actions/accounts';
import { importCommit, importPreview } from '../../api/backup';
import { errorCode } from '../../api/bridge';
import { Field } from '../../components/Field';
import { FormError, useReveal } from '../../components/FormError';
import { ImportFormatField } from './ImportFormatField';
import { ImportPreviewResult } from './ImportPreviewResult';

/** Which import a section offers: a Faktor backup (or otpauth:// list, detected), or another app's file with a format choice. */
export type ImportVariant = 'backup' | 'foreign';

/** The words and heading id of one variant's section. */
function importTexts(variant: ImportVariant, t: TFunction) {
  return variant === 'backup'
    ? {
        heading: 'backup-import-heading',
        title: t('backup.importHeading'),
        hint: t('backup.importHint'),
        choose: t('backup.importButton'),
        password: t('backup.importPassword'),
      }
    : {
        heading: 'foreign-heading',
        title: t('importer.heading'),
        hint: t('importer.hint'),
        choose: t('importer.choose'),
        password: t('importer.password'),
      };
}

/**
 * One import flow for every file (issue #12: the Faktor backup is one more import format): pick the
 * file → if it is encrypted, the password (a wrong one asks again, main keeps the picked file) →
 * preview (accounts, left out, duplicates) → import all. `backup` hides the format choice.
 */
export function ImportSection({ variant }: { variant: ImportVariant }) {
  const { t } = useTranslation();
  const ids = importTexts(variant, t);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = useReveal();
  /** Set while main holds a picked file that needs (another) password. */
  const [retryToken, setRetryToken] = useState<string | null>(null);

  async function run(work: () => Promise<void>) {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      const code = errorCode(e);
      const token = e instanceof FaktorError ? e.params?.retryToken : undefined;
      setRetryToken(typeof token === 'string' ? token : null);
      // The first ask for a password is a question, not an error; a wrong one says so.
      if (code !== 'cancelled' && !(typeof token === 'string' && password === ''))
        setError(t(`errors.${code}`));
    } finally {
      setBusy(false);
    }
  }

  /** Without a retry token main asks for a file; with one it reuses the file picked before. */
  function open(e: FormEvent, token?: string) {
    e.preventDefault();
    void run(async () => {
      setPreview(null);
      setPassword('');
      const p = await importPreview(
        format === '' ? null : format,
        password === '' ? null : password,
        token,
      );
      setPreview(p);
    });
  }

  function commit() {
    if (!preview) return;
    void run(async () => {
      const r = await importCommit(preview.token);
      setPreview(null);
      await loadAccounts();
      setResult(t('backup.imported', { count: r.imported }));
    });
  }

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{ids.title}</h3>
      <p className="hint">{ids.hint}</p>
      <form onSubmit={(e) => open(e)} noValidate>
        {variant === 'foreign' ? <ImportFormatField format={format} onChange={setFormat} /> : null}
        <div className="dialog-buttons">
          <button type="submit" disabled={busy}>
            {ids.choose}
          </button>
        </div>
      </form>
      {retryToken ? (
        <PasswordRetryForm
          label={ids.password}
          password={password}
          onPassword={setPassword}
          busy={busy}
          onSubmit={(e) => open(e, retryToken)}
        />
      ) : null}
      {preview ? <ImportPreviewResult preview={preview} busy={busy} onCommit={commit} /> : null}
      {result ? (
        <p role="status" ref={reveal}>
          {result}
        </p>
      ) : null}
      {error ? <FormError message={error} /> : null}
    </section>
  );
}

/** Asked when the picked file is encrypted: its password, for the file main still holds. */
function PasswordRetryForm({
  label,
  password,
  onPassword,
  busy,
  onSubmit,
}: {
  label: string;
  password: string;
  onPassword: (p: string) => void;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="hint">{t('importer.needsPassword')}</p>
      <Field
        label={label}
        type="password"
        autoComplete="off"
        autoFocus
        value={password}
        onChange={(e) => onPassword(e.target.value)}
      />
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('importer.openWithPassword')}
        </button>
      </div>
    </form>
  );
}
