import { describe, expect, it } from 'vitest';
import { createPermissionPolicy } from '../../../../electron/main/security/permission-policy';
import { APP_ORIGIN } from '../../../../electron/main/security/app-origin';

const policy = createPermissionPolicy([APP_ORIGIN]);
const APP_URL = `${APP_ORIGIN}/index.html`;

// Every permission name Electron 45's setPermissionRequestHandler can pass (electron.d.ts).
const ALL = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

describe('permission request handler', () => {
  it('allows the camera (video only) for the top frame of the app', () => {
    expect(
      policy.request('media', { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['video'] }),
    ).toBe(true);
  });
  it.each(ALL.filter((p) => p !== 'media'))('denies %s even for the app', (permission) => {
    expect(
      policy.request(permission, {
        requestingUrl: APP_URL,
        isMainFrame: true,
        mediaTypes: ['video'],
      }),
    ).toBe(false);
  });
  it.each([
    ['microphone', { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['audio'] }],
    [
      'camera + microphone',
      { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['video', 'audio'] },
    ],
    ['no media types', { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: [] }],
    ['media types missing', { requestingUrl: APP_URL, isMainFrame: true }],
    ['subframe', { requestingUrl: APP_URL, isMainFrame: false, mediaTypes: ['video'] }],
    ['main frame unknown', { requestingUrl: APP_URL, mediaTypes: ['video'] }],
    [
      'other origin',
      { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] },
    ],
    [
      'look-alike origin',
      { requestingUrl: 'app://faktor.evil/', isMainFrame: true, mediaTypes: ['video'] },
    ],
    ['no url', { isMainFrame: true, mediaTypes: ['video'] }],
  ])('denies media: %s', (_n, info) => {
    expect(policy.request('media', info)).toBe(false);
  });
});

describe('permission check handler', () => {
  it('allows the video check for the app', () => {
    expect(
      policy.check('media', {
        requestingOrigin: APP_ORIGIN,
        isMainFrame: true,
        mediaType: 'video',
        securityOrigin: APP_ORIGIN,
      }),
    ).toBe(true);
  });
  it.each(ALL.filter((p) => p !== 'media'))('denies %s', (permission) => {
    expect(
      policy.check(permission, {
        requestingOrigin: APP_ORIGIN,
        isMainFrame: true,
        mediaType: 'video',
      }),
    ).toBe(false);
  });
  it.each([
    ['audio', { requestingOrigin: APP_ORIGIN, isMainFrame: true, mediaType: 'audio' }],
    [
      'unknown media type',
      { requestingOrigin: APP_ORIGIN, isMainFrame: true, mediaType: 'unknown' },
    ],
    ['no media type', { requestingOrigin: APP_ORIGIN, isMainFrame: true }],
    ['subframe', { requestingOrigin: APP_ORIGIN, isMainFrame: false, mediaType: 'video' }],
    [
      'other origin',
      { requestingOrigin: 'https://evil.example', isMainFrame: true, mediaType: 'video' },
    ],
    [
      'foreign security origin',
      {
        requestingOrigin: APP_ORIGIN,
        isMainFrame: true,
        mediaType: 'video',
        securityOrigin: 'https://evil.example',
      },
    ],
  ])('denies media check: %s', (_n, info) => {
    expect(policy.check('media', info)).toBe(false);
  });
});

describe('device permission handler', () => {
  it.each(['hid', 'usb', 'serial', 'bluetooth'])(
    'denies %s (security keys go through node-hid in main)',
    (t) => {
      expect(policy.device(t)).toBe(false);
    },
  );
});
