import { Notification } from 'electron';

/**
 * Desktop notifications (Ports.notify) through Electron's Notification: text only, silent when the
 * OS does not support them. Clicking one brings the window forward and runs the notification's
 * onClick (an approval request opens itself: api/servicekonto.ts).
 */
export function electronNotify(
  focus: () => void,
): (n: { title: string; body: string; onClick?: () => void }) => void {
  return ({ title, body, onClick }) => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title, body, silent: false });
    note.on('click', () => {
      focus();
      onClick?.();
    });
    note.show();
  };
}
