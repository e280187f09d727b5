import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL } from '../../shared/ipc/contract';
import { buildFaktorApi } from './faktor-api';

/**
 * The preload (sandboxed, bundled to one CJS file): exposes exactly one object, `window.faktor`,
 * built from the IPC contract (checklist items 3 and 20). Nothing else from Electron or Node reaches
 * the page.
 */

const faktor = buildFaktorApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (handler) => {
    const onEvent = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) =>
      handler(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
);

contextBridge.exposeInMainWorld('faktor', faktor);
