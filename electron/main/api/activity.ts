import type { Channel, RequestOf } from '../../../shared/ipc/contract';

/**
 * Calls that are user activity and reset the auto-lock countdown. Polls (codes-current,
 * accounts-list, vault-status, settings-get, app-locale) deliberately do not: the renderer refreshes
 * codes every second, which must not keep an unattended app unlocked forever.
 */
const ACTIVITY: ReadonlySet<Channel> = new Set<Channel>([
  'vault-activity',
  'vault-unlock',
  'vault-set-password',
  'accounts-add-uri',
  'accounts-add-manual',
  'accounts-update',
  'accounts-delete',
  'accounts-restore',
  'accounts-reorder',
  'groups-rename',
  'groups-dissolve',
  'groups-restore',
  'codes-hotp-next',
  'codes-copy',
  'settings-set',
  'backup-export',
  'backup-export-plain',
  'backup-import',
  'qr-scan-screen',
  'qr-decode-image',
  'qr-scan-clipboard',
  'qr-add-account',
  'qr-import-migration',
  'import-preview',
  'import-commit',
  'export-as',
  'servicekonto-pair',
  'servicekonto-offline-code',
  'servicekonto-answer',
  'servicekonto-forget',
  'os-unlock-enable',
  'os-unlock-disable',
  'os-unlock-vault',
]);

/**
 * Whether a call counts as the user being there. A camera frame does not: an open camera scan sends
 * one every ~250 ms by itself and would keep an unattended app unlocked forever (issue #7 item 9).
 */
export function isUserActivity(channel: Channel, request: unknown): boolean {
  if (!ACTIVITY.has(channel)) return false;
  if (channel === 'qr-decode-image')
    return (request as RequestOf<'qr-decode-image'>).source !== 'camera';
  return true;
}
