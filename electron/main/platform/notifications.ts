import { Notification } from 'electron';

/**
 * Desktop notifications (Ports.notify) through Electron's Notification: text only, silent when the
 * OS does not support them. Clicking one brings the window forward so the request can be answered.
 */
export function electronNotify(focus: () => void): (n: { title: string; body: string }) => void {
  return ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title, body, silent: false });
    note.on('click', focus);
    note.show();
  };
}
