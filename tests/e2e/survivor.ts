// Drives the survivor page by its visible words (taken from the translation files, so the steps work in every language).
import type { Page } from 'playwright-core';
import type { IntakeInput } from '@beside/shared';
import { en, type Messages } from '../../client/src/i18n/en.js';
import { es } from '../../client/src/i18n/es.js';

export const survivorText = { en, es } satisfies Record<string, Messages>;

export interface IntakeSteps {
  /** Called on each intake question with its number, before answering it (axe runs, screenshots). */
  onStep?: (step: number) => Promise<void>;
  /** Answer "yes" to the danger question; called while the emergency numbers show, before continuing. */
  onEmergency?: () => Promise<void>;
}

/**
 * From the safety note through the five intake questions to the queue (or the chat, when someone is free).
 * The danger question is answered "no" unless steps.onEmergency is given.
 */
export async function survivorIntake(page: Page, t: Messages, intake: Required<Omit<IntakeInput, 'inDanger'>>, steps: IntakeSteps = {}): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: t.safety.start }).click();
  const question = async (n: number, text: string) => {
    await main.getByRole('heading', { level: 1, name: text }).waitFor();
    await steps.onStep?.(n);
  };
  await question(1, t.intake.dangerQuestion);
  if (steps.onEmergency) {
    await main.getByRole('button', { name: t.intake.yes, exact: true }).click();
    await steps.onEmergency();
    await main.getByRole('button', { name: t.continue }).click();
  } else {
    await main.getByRole('button', { name: t.intake.no, exact: true }).click();
  }
  await question(2, t.intake.topicQuestion);
  await main.getByRole('button', { name: t.intake.topics[intake.topic] }).click();
  await question(3, t.intake.languageQuestion);
  await main.getByRole('button', { name: t.languageNames[intake.language] }).click();
  // Choosing the chat language also switches the page to it.
  const tt = survivorText[intake.language];
  await question(4, tt.intake.wantQuestion);
  await main.getByRole('button', { name: tt.intake.wants[intake.want] }).click();
  await question(5, tt.intake.preferenceQuestion);
  await main.getByRole('button', { name: tt.intake.preferences[intake.preference] }).click();
  await main.getByRole('button', { name: tt.intake.submit }).click();
  // The queue, or straight into a chat when a volunteer is free at once.
  await main.getByRole('heading', { level: 1, name: tt.queue.heading }).or(main.locator('#chat-heading')).first().waitFor();
}

/** Types a message in the survivor's composer and sends it: with Enter at a keyboard, with the Send button on a touch screen. */
export async function survivorSend(page: Page, t: Messages, body: string): Promise<void> {
  const box = page.getByLabel(t.chat.composerLabel);
  await box.fill(body);
  if (await page.evaluate<boolean>("matchMedia('(hover: none) and (pointer: coarse)').matches")) {
    await page.getByRole('button', { name: t.chat.send, exact: true }).click();
  } else {
    await box.press('Enter');
  }
}
