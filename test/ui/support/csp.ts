import { BrowserContext, Page } from 'playwright-core';

/**
 * Collects every Content-Security-Policy violation in a browser context: the page's
 * `securitypolicyviolation` events (reported through a binding, so nothing is lost when the page
 * navigates) and Chromium's console errors about the policy. `take()` returns what came since the
 * last call and starts over.
 */
export async function watchCspViolations(context: BrowserContext): Promise<{ watch(page: Page): void; take(): string[] }> {
  const violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  // A string: the test code is type-checked for Node, without the DOM's types. Init scripts are not subject to the page's CSP.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__reportCspViolation(e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber + ' ' + JSON.stringify(e.sample));
  });`);
  return {
    watch(page) {
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
      });
    },
    take: () => violations.splice(0),
  };
}
