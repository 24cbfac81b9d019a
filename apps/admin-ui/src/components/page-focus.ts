import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

const WAIT_FOR_HEADING_MS = 5000;

/**
 * Puts focus at the start of the page: its h1, or main while the page still loads its data (the h1 then
 * takes over when it shows, unless the user has moved on). A screen reader announces the page, and the
 * next Tab starts in its content instead of at the top of the document. Returns a clean-up.
 */
export function focusPageStart(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => undefined;
  const heading = () => main.querySelector('h1');
  const now = heading();
  if (now) {
    now.focus();
    return () => undefined;
  }
  main.focus();
  const observer = new MutationObserver(() => {
    const h = heading();
    if (!h) return;
    observer.disconnect();
    if (document.activeElement === main) h.focus();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), WAIT_FOR_HEADING_MS);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/**
 * After a route change, focus goes to the new page (see focusPageStart); without this it stays on a menu
 * item, or falls to the document when the link that was followed is gone. A control inside main that
 * survives the change (a select that navigates, a search form) keeps its focus. On the first render
 * focus is moved only if `onMount` (just logged in: the login button is gone); a page load leaves it
 * to the browser, so the first Tab reaches the skip link.
 */
export function usePageFocus(onMount: boolean) {
  const { pathname } = useLocation();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (last.current === pathname) return undefined;
    const first = last.current === null;
    last.current = pathname;
    if (first && !onMount) return undefined;
    // Main itself or a heading had focus from the previous page start (e.g. a redirect): not a control.
    const active = document.activeElement;
    const main = document.getElementById('main');
    const control = active && active !== document.body && active !== main && active.tagName !== 'H1';
    if (!first && control && main?.contains(active)) return undefined;
    return focusPageStart();
  }, [pathname, onMount]);
}
