import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeUserAgent } from '../../../../shared/servicekonto/user-agent';

/** "Chrome on Linux" / "Chrome unter Linux" for a User-Agent, in the UI language (the session list and the request card say it alike). */
export function useBrowserName(): (userAgent: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (userAgent: string) =>
      describeUserAgent(userAgent, {
        browserOnOs: (browser, os) => t('servicekonto.view.sessions.browserOnOs', { browser, os }),
        unknownBrowser: t('servicekonto.view.sessions.unknownBrowser'),
      }),
    [t],
  );
}
