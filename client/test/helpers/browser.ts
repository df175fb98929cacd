import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium binary (the /usr/bin wrapper works too, but prints a shell error). */
// eslint-disable-next-line no-restricted-syntax -- a test helper's own setting (client/test is not under the rule's test exemption)
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Where the tests save screenshots (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

/** The widths every screen is checked at: a side panel and a desktop window. */
export const WIDTHS = [400, 1280] as const;

/**
 * Headless Chromium whose microphone is `wav` (played once, then silence): the page's
 * getUserMedia gets the file's audio with no permission prompt.
 */
export async function launchChromium(options: { fakeMicrophoneWav?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (npm test installs it as root)`);
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Headless tabs are "hidden": without these, timers and audio are throttled.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (options.fakeMicrophoneWav) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${options.fakeMicrophoneWav}%noloop`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/** Saves the page at each width as `<name>-<width>.png`, restoring the width it had. */
export async function screenshotAtWidths(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  const files: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: original.height });
    // Let layout settle after the resize (two frames), without a timed wait.
    // From the top, so the sticky header sits where a reader sees it.
    await page.evaluate('window.scrollTo(0, 0); new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(original);
  return files;
}

/** Collects what the page logs as errors, so a test can show them when it fails. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx it receives; the pages handle those themselves (and the tests check how).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Controls on the page without an accessible name (no label, aria-label, aria-labelledby or text):
 * what a screen-reader or voice-control user could not find. Returns a short description of each.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(`
    [...document.querySelectorAll('button, input, select, textarea, a[href], [role="switch"], [tabindex="0"]')]
      .filter((element) => element.getClientRects().length > 0 || element.closest('.toggle'))
      .filter((element) => {
        const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
        const labels = element.labels ? [...element.labels].map((label) => label.textContent.trim()).join('') : '';
        const text = ['BUTTON', 'A'].includes(element.tagName) ? element.textContent.trim() : '';
        return !(labelled || labels || text);
      })
      .map((element) => element.outerHTML.slice(0, 120))
  `);
}

/**
 * Logs the page's browser context in over the API (its cookie jar is the context's): for tests whose
 * subject is another screen. The login form itself is tested in accounts.browser.integration.test.ts.
 */
export async function logInThroughApi(page: Page, baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
  const response = await page.request.post(`${baseUrl}/api/auth/login`, { data: { email: credentials.email, password: credentials.password } });
  if (response.status() !== 200) throw new Error(`login as ${credentials.email} failed: ${response.status()} ${await response.text()}`);
}
