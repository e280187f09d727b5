import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequestView } from '../../../../shared/ipc/servicekonto-schemas';
import { errorCode } from '../../api/bridge';
import { onEvent } from '../../api/subscribe';
import { WhoAsks } from './WhoAsks';
import { NumberPicker } from './NumberPicker';
import { PinField } from './PinField';
import { servicekontoAnswer, servicekontoList, servicekontoRequests } from './servicekonto-api';
import { useBrowserName } from './use-browser-name';

/**
 * Online approval requests (number matching): each shows who asks (service, server, account), the
 * level, the asking browser and IP, the time, and three numbers. Approving needs the number the browser
 * shows plus the PIN; "Deny — this wasn't me" offers to block this desktop's means as well (§4.4).
 */
export function ApprovalRequests() {
  const [requests, setRequests] = useState<ApprovalRequestView[]>([]);
  useEffect(() => {
    let live = true;
    // Listing opens the event streams in main; then pick up anything already waiting.
    void servicekontoList()
      .then(() => servicekontoRequests())
      .then(
        (r) => live && setRequests(r),
        () => undefined,
      );
    const off = onEvent('servicekonto-request', (r) =>
      setRequests((old) => [...old.filter((x) => x.tx !== r.tx), r]),
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  const drop = (tx: string): void => setRequests((old) => old.filter((r) => r.tx !== tx));
  if (requests.length === 0) return null;
  return (
    <section className="servicekonto-requests" aria-live="polite">
      {requests.map((r) => (
        <RequestCard key={r.tx} request={r} onDone={() => drop(r.tx)} />
      ))}
    </section>
  );
}

/** One waiting request: who asks and from where, then the number, the PIN and approve or deny. */
function RequestCard({ request: r, onDone }: { request: ApprovalRequestView; onDone: () => void }) {
  const browserName = useBrowserName();
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [denying, setDenying] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const send = async (decision: 'approve' | 'deny' | 'deny-and-block'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await servicekontoAnswer(r.tx, decision, decision === 'approve' ? (number ?? 0) : 0, pin);
      setSent(t(`servicekonto.sent.${decision}`));
      setTimeout(onDone, 3000);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setPin(''); // went to main once; a retry types it again
      setBusy(false);
    }
  };
  const time = new Date(r.created * 1000).toLocaleTimeString(i18n.language);
  return (
    <article
      className="servicekonto-request"
      aria-label={t('servicekonto.requestTitle')}
      data-request-tx={r.tx}
      tabIndex={-1}
    >
      <h2>
        {t(
          r.purpose === 'confirm-pairing'
            ? 'servicekonto.confirmTitle'
            : 'servicekonto.requestTitle',
        )}
      </h2>
      <WhoAsks service={r.service} origin={r.origin} accountName={r.accountName} level={r.level}>
        <dt>{t('servicekonto.browser')}</dt>
        <dd>
          {r.browser || r.ip ? (
            <>
              {r.browser ? <span title={r.browser}>{browserName(r.browser)}</span> : null}
              {r.browser && r.ip ? ' · ' : null}
              {r.ip}
            </>
          ) : (
            t('servicekonto.unknown')
          )}
        </dd>
        <dt>{t('servicekonto.time')}</dt>
        <dd>{time}</dd>
      </WhoAsks>
      {sent ? (
        <p role="status">{sent}</p>
      ) : (
        <>
          <NumberPicker numbers={r.numbers} value={number} onPick={setNumber} />
          <PinField label={t('servicekonto.pin')} value={pin} onChange={setPin} />
          {error ? <p role="alert">{error}</p> : null}
          <AnswerButtons
            denying={denying}
            onDeny={() => setDenying(true)}
            busy={busy}
            picked={number !== null}
            pinTyped={pin.length >= 6}
            send={(decision) => void send(decision)}
          />
        </>
      )}
    </article>
  );
}

/** What the user can say: deny or approve, and after "deny" whether to block this desktop's means too. */
function AnswerButtons(props: {
  denying: boolean;
  onDeny: () => void;
  busy: boolean;
  picked: boolean;
  pinTyped: boolean;
  send: (decision: 'approve' | 'deny' | 'deny-and-block') => void;
}) {
  const { t } = useTranslation();
  const { busy, pinTyped, send } = props;
  return props.denying ? (
    <div className="dialog-buttons" role="group" aria-label={t('servicekonto.denyTitle')}>
      <p>{t('servicekonto.denyOffer')}</p>
      <button type="button" disabled={busy || !pinTyped} onClick={() => send('deny')}>
        {t('servicekonto.denyOnly')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy || !pinTyped}
        onClick={() => send('deny-and-block')}
      >
        {t('servicekonto.denyAndBlock')}
      </button>
    </div>
  ) : (
    <div className="dialog-buttons">
      <button type="button" onClick={props.onDeny}>
        {t('servicekonto.deny')}
      </button>
      <button
        type="button"
        className="primary"
        disabled={busy || !props.picked || !pinTyped}
        onClick={() => send('approve')}
      >
        {t('servicekonto.approve')}
      </button>
    </div>
  );
}
