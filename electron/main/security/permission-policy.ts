import { createOriginSet } from './app-origin';

/** The part of Electron's permission-request details the policy looks at. */
export type PermissionRequestInfo = Readonly<{
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaTypes?: readonly string[];
}>;

/** The part of Electron's permission-check details the policy looks at. */
export type PermissionCheckInfo = Readonly<{
  requestingOrigin: string;
  isMainFrame?: boolean;
  mediaType?: string;
  securityOrigin?: string;
}>;

/** Session permission decisions: request (prompts), check (queries) and device (WebHID/USB/serial). */
export type PermissionPolicy = Readonly<{
  request: (permission: string, info: PermissionRequestInfo) => boolean;
  check: (permission: string, info: PermissionCheckInfo) => boolean;
  device: (deviceType: string) => boolean;
}>;

/**
 * Checklist item 5: Electron approves every permission by default; Faktor denies all of them except
 * the camera (`media`, video only — never the microphone, never screen capture) for the top frame of
 * our own UI, which the QR camera scan needs. WebHID/WebUSB/serial are denied outright: security keys
 * are driven from main through node-hid, never from the page.
 */
export function createPermissionPolicy(trustedOrigins: readonly string[]): PermissionPolicy {
  const isTrusted = createOriginSet(trustedOrigins);
  const isVideoOnly = (types: readonly string[] | undefined): boolean =>
    Array.isArray(types) && types.length > 0 && types.every((t) => t === 'video');

  return {
    request(permission, info) {
      if (permission !== 'media') return false;
      if (info.isMainFrame !== true) return false;
      if (typeof info.requestingUrl !== 'string' || !isTrusted(info.requestingUrl)) return false;
      return isVideoOnly(info.mediaTypes);
    },
    check(permission, info) {
      if (permission !== 'media') return false;
      if (info.isMainFrame !== true) return false;
      if (!isTrusted(info.requestingOrigin)) return false;
      if (info.securityOrigin !== undefined && !isTrusted(info.securityOrigin)) return false;
      return info.mediaType === 'video';
    },
    device: () => false,
  };
}
