// Runs axe-core inside the page (evaluated, since the app's CSP forbids inline scripts) and collects serious and critical violations.
import fs from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS, shoot } from './harness.js';

export interface A11yFinding {
  surface: string;
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

interface AxeResultLike {
  violations: { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** One checker per test file: check() after each page or state, then report() and assert nothing is left. */
export function createA11yChecker(file: string) {
  const findings: A11yFinding[] = [];
  const checked: string[] = [];

  async function check(page: Page, surface: string): Promise<void> {
    // Strings, not functions: this code runs in the page, and the tests compile without the DOM library.
    const present = await page.evaluate<boolean>("typeof window.axe === 'object'");
    if (!present) await page.evaluate(axe.source);
    const result = await page.evaluate<AxeResultLike>("window.axe.run(document, { resultTypes: ['violations'] })");
    checked.push(surface);
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      findings.push({
        surface,
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      });
    }
  }

  /** Proves the checker can fail: a scratch page with an unlabelled image and button must show critical violations. */
  async function selfTest(page: Page): Promise<void> {
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>');
    const before = findings.length;
    await check(page, 'axe self-test');
    const caught = findings.splice(before).map((f) => f.id);
    checked.pop();
    if (!caught.includes('image-alt') || !caught.includes('button-name')) {
      throw new Error(`axe self-test: expected image-alt and button-name, got ${caught.join(', ') || 'nothing'}`);
    }
  }

  /** Writes the findings next to the screenshots and returns a readable summary ('' when clean). */
  function report(): string {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(`${SCREENSHOTS}axe-${file}.json`, JSON.stringify({ checked, findings }, null, 2));
    return findings
      .map((f) => `[${f.impact}] ${f.id} on "${f.surface}": ${f.help} (${f.helpUrl})\n    at ${f.targets.slice(0, 5).join('\n    at ')}`)
      .join('\n');
  }

  return { check, selfTest, report, findings, checked };
}

/** The checker most journeys want: check() saves a screenshot and runs axe; assertClean() fails on any finding. */
export function createJourneyChecker(file: string) {
  const a11y = createA11yChecker(file);
  return {
    a11y,
    check: async (page: Page, surface: string): Promise<void> => {
      await shoot(page, surface);
      await a11y.check(page, surface);
    },
    assertClean: (): void => {
      const findings = a11y.report();
      expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
    },
  };
}
