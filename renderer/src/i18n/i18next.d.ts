import 'i18next';
import type { Strings } from './en';

/** Types every `t('…')` key against the English table: a missing or misspelt key fails typecheck. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Strings };
  }
}
