import { Page } from 'playwright-core';

/** What has focus, as the keyboard user's eye sees it. */
export interface Focus {
  /** Nothing but the document has focus (body or none): a keyboard user has lost their place. */
  lost: boolean;
  tag: string;
  /** aria-label, else the visible text, else the value: what the test matches on. */
  name: string;
  /** A focus indicator is drawn: an outline of some width, or a box shadow. */
  visible: boolean;
  /** The element's marker from `walkWholePage`, or -1. */
  mark: number;
  /** id, type and classes, for the failure message. */
  detail: string;
}

// A string, not a function: the test code is type-checked for Node, without the DOM's types.
const READ_FOCUS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { lost: true, tag: '', name: '', visible: false, mark: -1, detail: '' };
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').replace(/\\s+/g, ' ').trim();
  return { lost: false, tag: el.tagName.toLowerCase(), name: text.slice(0, 80), visible: outline || !!shadow, mark: Number(el.getAttribute('data-kbd') ?? -1), detail: '#' + el.id + ' ' + (el.type || '') + ' .' + [...el.classList].join('.') };
})()`;

export const focus = (page: Page): Promise<Focus> => page.evaluate(READ_FOCUS) as Promise<Focus>;

export const describe = (f: Focus) => (f.lost ? '<nothing>' : `<${f.tag}> "${f.name}" (${f.detail})`);

/** Focus is on something and it shows: throws with `step` in the message otherwise. */
export async function focusShown(page: Page, step: string): Promise<Focus> {
  const f = await focus(page);
  if (f.lost) throw new Error(`${step}: focus was lost (document.activeElement is body)`);
  if (!f.visible) throw new Error(`${step}: ${describe(f)} has focus but no visible focus style`);
  return f;
}

/** Presses `key` and checks that the focus lands somewhere visible. */
export async function press(page: Page, key: string, step = key): Promise<Focus> {
  await page.keyboard.press(key);
  return focusShown(page, step);
}

/**
 * Tabs (or Shift+Tabs) until the focused element matches, checking each stop shows its focus. Fails after
 * `max` stops: the thing is not reachable by keyboard (or is further away than a person would go).
 */
export async function tabTo(page: Page, matches: (f: Focus) => boolean, { max = 80, back = false, what = 'target' } = {}): Promise<Focus> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focus(page);
    if (!f.lost && !f.visible) throw new Error(`tabbing to ${what}: ${describe(f)} has focus but no visible focus style`);
    if (matches(f)) return f;
    seen.push(describe(f));
  }
  throw new Error(`tabbing to ${what}: not reached in ${max} stops; the last stops were ${seen.slice(-12).join(', ')}`);
}

export const named = (name: string, tag?: string) => (f: Focus) => f.name === name && (!tag || f.tag === tag);

// Everything a person could operate: the browser's own tab order covers these (tabindex=-1 is left out).
const MARK_TABBABLES = `(() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert],[aria-hidden="true"]');
  const all = [...document.querySelectorAll(selector)].filter(shown);
  // Of a radio group only one stop is in the tab order; arrows move within it.
  const list = all.filter((el) => !(el.type === 'radio' && el.name && !el.checked && all.some((o) => o !== el && o.type === 'radio' && o.name === el.name)));
  list.forEach((el, i) => el.setAttribute('data-kbd', String(i)));
  return list.map((el) => (el.getAttribute('aria-label') || el.innerText || el.id || el.tagName).replace(/\\s+/g, ' ').trim().slice(0, 60));
})()`;

/**
 * No keyboard trap, every control reachable, every stop visible: from the top of the page, Tab goes
 * through every operable element and then leaves the page (or wraps to the start), each stop showing
 * its focus. A trap shows as a stop repeating before the page is left; an unreachable control as a
 * marker never seen.
 */
export async function walkWholePage(page: Page, where: string): Promise<{ stops: number }> {
  const names = (await page.evaluate(MARK_TABBABLES)) as string[];
  if (names.length === 0) throw new Error(`${where}: nothing to operate on the page`);
  // Start at the first element (the skip link): Chromium tabs on from wherever focus was last set.
  await page.evaluate('document.querySelector(\'[data-kbd="0"]\').focus()');
  const reached = new Set<number>([0]);
  let stops = 1;
  let previous = 0;
  // Room for the extra stops of date inputs (three each).
  for (let i = 0; i < names.length * 3 + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focus(page);
    if (f.lost || (f.mark === 0 && reached.has(0))) break; // Left the page, or wrapped round.
    if (!f.visible) throw new Error(`${where}: ${describe(f)} has focus but no visible focus style`);
    // A date input's day, month and year are Tab stops of one element: a repeat in a row is not a trap.
    if (f.mark >= 0 && reached.has(f.mark) && f.mark !== previous)
      throw new Error(`${where}: focus came back to ${describe(f)} before leaving the page (keyboard trap)`);
    if (f.mark >= 0) reached.add(f.mark);
    previous = f.mark;
    stops += 1;
  }
  const missed = names.filter((_, i) => !reached.has(i));
  if (missed.length) throw new Error(`${where}: not reachable by Tab: ${missed.join(' | ')}`);
  // And back again: Shift+Tab from the end must not get stuck either.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  const back = await focus(page);
  if (!back.lost && !back.visible) throw new Error(`${where}: ${describe(back)} (Shift+Tab) has no visible focus style`);
  return { stops };
}
