/**
 * The one shape of a refusal with a stable code, shared by the app's FaktorError (shared/errors.ts)
 * and the server domain's DomainError (server/domain/errors.ts): the code crosses IPC/HTTP and picks
 * the words, `detail` is for developers and never holds a secret, `params` are non-secret values the
 * words need (a field name, a limit).
 */
export abstract class StableCodeError<C extends string> extends Error {
  constructor(
    readonly code: C,
    readonly detail?: string,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
