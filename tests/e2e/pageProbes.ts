// What a page cannot show a test by itself: stubs for notifications, sound and tab visibility, and layout checks by bounding box.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Installed before any page script: a Notification that records what it was asked to show (and grants permission
 * when asked), an AudioContext that counts the notes played, and a tab visibility the test switches with
 * `setHidden`. Strings, since the tests compile without the DOM library and the app's CSP does not apply here.
 */
const PROBES = `
(() => {
  window.__notes = [];
  window.__asked = 0;
  window.__tones = 0;
  class FakeNotification {
    constructor(title, options) { window.__notes.push({ title: String(title), body: String((options && options.body) || '') }); }
    close() {}
    static async requestPermission() { window.__asked += 1; FakeNotification.permission = 'granted'; return 'granted'; }
  }
  FakeNotification.permission = 'default';
  window.Notification = FakeNotification;
  class FakeAudioContext {
    constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
    resume() { this.state = 'running'; return Promise.resolve(); }
    createOscillator() {
      window.__tones += 1;
      return { type: 'sine', frequency: { value: 0 }, connect: (x) => x, start() {}, stop() {} };
    }
    createGain() {
      return { gain: { setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (x) => x };
    }
  }
  window.AudioContext = FakeAudioContext;
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return hidden ? 'hidden' : 'visible'; } });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return hidden; } });
  window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
})();
`;

export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBES });
}

export const setHidden = (page: Page, hidden: boolean) => page.evaluate(`window.__setHidden(${hidden})`);
export const notifications = (page: Page) => page.evaluate<{ title: string; body: string }[]>('window.__notes');
export const permissionAsks = (page: Page) => page.evaluate<number>('window.__asked');
export const tonesPlayed = (page: Page) => page.evaluate<number>('window.__tones');
export const favicon = (page: Page) => page.evaluate<string>('document.querySelector(\'link[rel="icon"]\')?.getAttribute("href") ?? ""');

/** Every one of these is inside the window, whole: nothing the person needs is scrolled or pushed out of it. */
export async function expectInViewport(page: Page, where: string, parts: Record<string, Locator>): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const [name, locator] of Object.entries(parts)) {
    const box = await locator.boundingBox();
    expect(box, `${where}: ${name} is on screen`).not.toBeNull();
    const b = box!;
    const inside = b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= viewport.width + 0.5 && b.y + b.height <= viewport.height + 0.5;
    expect(inside, `${where}: ${name} at ${JSON.stringify(b)} inside ${viewport.width}×${viewport.height}`).toBe(true);
    expect(b.height, `${where}: ${name} has room`).toBeGreaterThan(0);
    // Not clipped away or covered: a point inside it hits it (or something inside it).
    // (Runs in the page; typed loosely, since the tests compile without the DOM library.)
    const hit = await locator.evaluate((el: any) => {
      const r = el.getBoundingClientRect();
      const found = (globalThis as any).document.elementFromPoint(r.left + Math.min(r.width / 2, 24), r.top + Math.min(r.height / 2, 12));
      return !!found && (el === found || el.contains(found));
    });
    expect(hit, `${where}: ${name} can be seen (not clipped or covered)`).toBe(true);
  }
}

/**
 * The newest line of a log (its last item, whatever it is) is in view: the log follows it, so its bottom edge is
 * inside the log's box, with room to read it; and the log is inside the window. `text` must be in the log.
 */
export async function expectNewestVisible(page: Page, where: string, scroller: Locator, text: string): Promise<void> {
  await scroller.getByText(text).last().waitFor();
  const newest = scroller.locator('.messages__log > li').last();
  // The log may still be scrolling to it after a resize.
  await expect
    .poll(
      async () => {
        const [s, n] = [await scroller.boundingBox(), await newest.boundingBox()];
        if (!s || !n) return false;
        const bottom = n.y + n.height;
        return bottom <= s.y + s.height + 1 && bottom - Math.max(n.y, s.y) >= Math.min(n.height, 20);
      },
      { timeout: 5000, message: `${where}: the newest message is in the log's view` },
    )
    .toBe(true);
  await expectInViewport(page, where, { 'the log': scroller });
}

/** The page itself does not scroll: the console is made to fit the window. */
export async function expectNoPageScroll(page: Page, where: string): Promise<void> {
  const [scroll, inner] = await page.evaluate<[number, number]>('[document.scrollingElement.scrollHeight, innerHeight]');
  expect(scroll, `${where}: the page fits the window`).toBeLessThanOrEqual(inner + 1);
}
