// eslint-disable-next-line no-restricted-imports -- the one place that touches ipcMain (checklist item 17)
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { contract, EVENT_CHANNEL, type Channel } from '../../../shared/ipc/contract';
import type { Dispatch, EventSink, IpcSender } from '../ipc';

/** Stand-in for a sender that must be refused (no frame, or not one of our windows). */
const NO_SENDER: IpcSender = { url: '', isMainFrame: false };

/** The frame facts the dispatcher checks, from Electron's event (the frame may already be gone). */
function senderOf(
  event: IpcMainInvokeEvent,
  isOurWebContents: (wc: WebContents) => boolean,
): IpcSender {
  const frame = event.senderFrame;
  if (frame === null || !isOurWebContents(event.sender)) return NO_SENDER;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/**
 * Registers `ipcMain.handle` for every contract channel — and nothing else — through the validating
 * dispatcher. `isOurWebContents` narrows callers to the windows we created. Returns the unbinding.
 */
export function bindIpc(
  dispatch: Dispatch,
  isOurWebContents: (wc: WebContents) => boolean,
): () => void {
  const channels = Object.keys(contract) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(senderOf(event, isOurWebContents), channel, payload),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Event transport for ipc.ts's createEventPublisher: `webContents.send(EVENT_CHANNEL, name, payload)`
 * to each target still alive and still showing one of our pages.
 */
export function createRendererEventSink(
  targets: () => readonly WebContents[],
  isOurUrl: (url: string) => boolean,
): EventSink {
  return (name, payload) => {
    for (const wc of targets()) {
      if (!wc.isDestroyed() && isOurUrl(wc.getURL())) wc.send(EVENT_CHANNEL, name, payload);
    }
  };
}
