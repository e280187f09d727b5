/**
 * Turns the repositories' SQLite-style parameters into PostgreSQL's: `?` becomes `$1, $2, …` in order
 * and `@name` becomes a numbered parameter bound from an object argument (better-sqlite3's named
 * style). Written by hand because it is a 40-line scanner: placeholders inside string literals,
 * quoted identifiers and comments are left alone.
 */

/** A statement ready for PostgreSQL and how to order its arguments. */
export interface PgStatementText {
  text: string;
  /** Named parameters in $-number order, or null for positional `?`. */
  names: string[] | null;
}

/** Rewrites `sql`'s placeholders (mixing `?` and `@name` in one statement is refused). */
export function toPgPlaceholders(sql: string): PgStatementText {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length - 1 : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '?') {
      out += `$${++positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] as string;
      let n = names.indexOf(name);
      if (n < 0) n = names.push(name) - 1;
      out += `$${n + 1}`;
      i += name.length;
    } else {
      out += c;
    }
  }
  if (positional > 0 && names.length > 0)
    throw new Error('a statement mixes ? and @name parameters');
  return { text: out, names: names.length > 0 ? names : null };
}

/** Index of the quote closing the literal that opens at `start` ('' and "" are escapes). */
function closing(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++;
      else return i;
    }
  }
  throw new Error('unterminated quoted text in SQL');
}

/** The argument list for a statement: positional as given, named from the one object argument. */
export function pgArguments(statement: PgStatementText, params: readonly unknown[]): unknown[] {
  if (statement.names === null) return [...params];
  const bag = params[0];
  if (params.length !== 1 || typeof bag !== 'object' || bag === null)
    throw new Error('named parameters need one object argument');
  return statement.names.map((n) => {
    if (!(n in bag)) throw new Error(`missing named parameter @${n}`);
    return (bag as Record<string, unknown>)[n];
  });
}
