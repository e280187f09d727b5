import { createOriginSet } from './app-origin';

/** What the IPC layer knows about the frame that sent a call (from `event.senderFrame`). */
export type IpcSender = Readonly<{ url: string; isMainFrame: boolean }>;

/**
 * Checklist item 17: an IPC call is trusted only from the top frame of a document whose parsed
 * origin is one of ours. Subframes (an injected iframe) and every other origin are refused.
 */
export function createSenderPolicy(
  trustedOrigins: readonly string[],
): (sender: IpcSender) => boolean {
  const isTrustedUrl = createOriginSet(trustedOrigins);
  return (sender) =>
    sender.isMainFrame === true && typeof sender.url === 'string' && isTrustedUrl(sender.url);
}
