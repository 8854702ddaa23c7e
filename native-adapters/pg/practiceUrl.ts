/**
 * The practice database's address (`postgres://user@host:port/db`) as text: whether it is one, and
 * how it is shown (never with its password). Pure, so the app core can use it without loading `pg`.
 */
/** Whether `url` is a PostgreSQL connection URL (postgres:// or postgresql://). */
export function isPracticeUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/[^\s]+$/i.test(url.trim());
}

/** The URL without its password, for messages. */
export function shownPracticeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
