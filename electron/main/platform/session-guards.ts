import type { Session } from 'electron';
import { createPermissionPolicy } from '../security/permission-policy';
import { devCsp } from '../security/csp';

/**
 * Checklist item 5 on a session: permission requests and checks through the deny-all policy (camera
 * for our own UI excepted), no device access (WebHID/WebUSB/serial/Bluetooth choosers are cancelled),
 * and in development only, the relaxed CSP header on the Vite dev server's responses.
 */
export function installSessionGuards(
  session: Session,
  trustedOrigins: readonly string[],
  devServerUrl: string | null,
): void {
  const policy = createPermissionPolicy(trustedOrigins);

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(
      policy.request(permission, {
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    );
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    policy.check(permission, {
      requestingOrigin,
      isMainFrame: details.isMainFrame,
      mediaType: details.mediaType,
      securityOrigin: details.securityOrigin,
    }),
  );
  session.setDevicePermissionHandler((details) => policy.device(details.deviceType));

  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });

  if (devServerUrl !== null) {
    const csp = devCsp(devServerUrl);
    const origin = new URL(devServerUrl).origin;
    session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
      });
    });
  }
}
