import { createHash } from 'node:crypto';

/**
 * The policy of a page of personal data the server writes (the right-of-access letter, a decision
 * letter): it runs no script, loads nothing, and may not be framed; its one style is allowed by hash.
 * `page` goes in the page's meta tag, so a saved file keeps it when opened from disk; `header` is sent
 * with it (frame-ancestors only works as a header).
 */
export function documentPolicy(style: string): { page: string; header: string } {
  const page = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'; base-uri 'none'; form-action 'none'`;
  return { page, header: `${page}; frame-ancestors 'none'` };
}

export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
