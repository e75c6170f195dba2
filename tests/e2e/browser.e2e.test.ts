// The browser suite: one server and one Chromium for all journeys (start-up is the slow part on a busy machine).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { adminFlow } from './adminFlow.js';
import { adminTools } from './adminTools.js';
import { consoleLayouts } from './consoleLayouts.js';
import { volunteerConsole } from './consoleFlow.js';
import { startE2e, type E2e } from './harness.js';
import { liveBoard } from './liveBoard.js';
import { moderatorTakeover } from './moderatorTakeover.js';
import { survivorWithoutWebSocket } from './noWebSocket.js';
import { supportFlow } from './supportFlow.js';
import { survivorInDanger } from './survivorSafety.js';
import { survivorPromises } from './survivorPromises.js';
import { staffAccess } from './staffAccess.js';
import { inertScriptsOnPhone, otherPages, spanishSurvivor } from './survivorVariants.js';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.stop();
});

// Each journey that puts a volunteer on shift ends that shift, so the next journey's survivors meet its own volunteer.
describe('Beside in a real browser', () => {
  it('survivor, volunteer and moderator: intake, queue, chat, ask for help, whisper, flag, review, quick exit', () => supportFlow(e2e));
  it('a script in a message renders inert in the other side’s browser (survivor on a 390px phone)', () => inertScriptsOnPhone(e2e));
  it('the survivor surface in Spanish, switchable, through queue, chat and quick exit', () => spanishSurvivor(e2e));
  it('the privacy page (English and Spanish) and the setup page', () => otherPages(e2e));
  it('a survivor whose network blocks WebSockets chats over long-polling, nothing lost, in order', () => survivorWithoutWebSocket(e2e));
  it('a survivor in danger: emergency numbers at once, queued as urgent, then the survey and resources', () => survivorInDanger(e2e));
  it('the volunteer console with two chats: tabs and unread counts, canned replies by keyboard, a resource, the wrap-up', () =>
    volunteerConsole(e2e));
  it('a moderator observes a high-risk chat and takes it over: the survivor talks with them, the volunteer reads along', () =>
    moderatorTakeover(e2e));
  it('the live board: waiting and live chats without content, sorting, Observe with a reason, at 1366×768 and 1280×720', () => liveBoard(e2e));
  it('the consoles call for attention and hold their layout with every banner and tool open, at 1280×720, 1366×768 and 390×844', () =>
    consoleLayouts(e2e), 300_000);
  it('the survivor page keeps its promises: availability first, one queue message, quick exit and history, a phone composer, review', () =>
    survivorPromises(e2e), 300_000);
  // Late: it adds and suspends volunteers of its own, who must not take the survivors above.
  it('the admin pages: invite, accept, training, suspension, schedule sign-up, coverage', () => adminFlow(e2e));
  it('the admin pages: staff edit, canned replies, resources, two-factor (on, and set up by a volunteer)', () => adminTools(e2e));
  it('staff access: schedule and two-factor from the console, a moderator enrols at /moderator, the audit log in words, the dashboard', () =>
    staffAccess(e2e));
});
