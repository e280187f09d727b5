import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadAccounts } from './actions/accounts';
import { handleDesktopAction } from './actions/desktop';
import { startCodeRefresh } from './actions/codes';
import { startNextCodePreview } from './actions/next-codes';
import { applyStatus, refreshStatus, startActivityPings } from './actions/vault';
import { loadSettings } from './actions/settings';
import { onEvent } from './api/subscribe';
import { App } from './shell/App';
import { initI18n } from './i18n';
import { useStore } from './store';
import './styles/app.css';

/** Pasting an otpauth:// link anywhere outside a text field opens "add" with the link filled in. */
function startPasteToAdd(): void {
  document.addEventListener('paste', (e) => {
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    const s = useStore.getState();
    if (s.status?.state !== 'ready' || s.dialog) return;
    const text = e.clipboardData?.getData('text/plain').trim() ?? '';
    if (/^otpauth:\/\//i.test(text)) {
      e.preventDefault();
      s.openDialog({ kind: 'add', uri: text });
    }
  });
}

async function start(): Promise<void> {
  const language = await loadSettings();
  await initI18n(language);
  onEvent('vault-status', (status) => void applyStatus(status));
  onEvent('desktop-action', handleDesktopAction);
  onEvent('vault-changed', () => {
    if (useStore.getState().status?.state === 'ready') void loadAccounts();
  });
  startCodeRefresh();
  startNextCodePreview();
  startActivityPings();
  startPasteToAdd();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await refreshStatus();
}

void start();
