// The console's non-message signals from the socket: queue summary, breaks, warnings, risk, supervision, hand-offs.
import type {
  BreakReminder,
  Handoff,
  HelpRequestView,
  QueueSummary,
  RiskBanner,
  VolunteerWarningView,
  Whisper,
} from '@beside/shared';
import type { BesideSocket } from '../ui/socket';
import { request } from '../ui/socket';

export interface SupervisorPresence {
  name: string;
  /** When they joined (or took over). */
  at: string;
  present: boolean;
  tookOver: boolean;
}

/** What the console knows about one chat besides its messages. */
export interface ChatExtras {
  risk?: RiskBanner;
  help?: HelpRequestView;
  supervisor?: SupervisorPresence;
  whispers: Whisper[];
  handoff?: Handoff;
}

export interface ConsoleSignalsSnapshot {
  summary?: QueueSummary;
  breakReminder?: BreakReminder;
  warnings: VolunteerWarningView[];
  chats: Record<string, ChatExtras>;
}

const emptyExtras: ChatExtras = { whispers: [] };

export class ConsoleSignals {
  private snapshot: ConsoleSignalsSnapshot = { warnings: [], chats: {} };
  private readonly listeners = new Set<() => void>();

  /** Call right after the socket is created, before it connects: risk banners are re-sent on connect. */
  constructor(private readonly socket: BesideSocket) {
    const s = socket;
    s.on('connect', () => void this.refreshSummary());
    s.on('queue:summary', (summary) => this.setSummary(summary));
    s.on('volunteer:break_reminder', (breakReminder) => this.set({ breakReminder }));
    s.on('moderation:warning', (w) => this.set({ warnings: [...this.snapshot.warnings.filter((x) => x.id !== w.id), w] }));
    s.on('risk:banner', (risk) => this.patchChat(risk.conversationId, { risk }));
    s.on('help:answered', (help) => this.patchChat(help.conversationId, { help }));
    // Who the alert reaches now: the banner's supervisor step and the help status follow it.
    s.on('risk:reach', (u) => {
      const { risk, help } = this.chat(u.conversationId);
      this.patchChat(u.conversationId, {
        ...(risk ? { risk: { ...risk, reach: u.reach, ...(u.acknowledgedByName ? { acknowledgedByName: u.acknowledgedByName } : {}) } } : {}),
        ...(help && help.status === 'open' ? { help: { ...help, reach: u.reach } } : {}),
      });
    });
    s.on('supervision:joined', (c) =>
      this.patchChat(c.conversationId, { supervisor: { name: c.moderatorName, at: c.at, present: true, tookOver: false } }),
    );
    s.on('supervision:takeover', (c) =>
      this.patchChat(c.conversationId, { supervisor: { name: c.moderatorName, at: c.at, present: true, tookOver: true } }),
    );
    s.on('supervision:left', (c) => {
      const prev = this.chat(c.conversationId).supervisor;
      this.patchChat(c.conversationId, { supervisor: { name: c.moderatorName, at: prev?.at ?? c.at, present: false, tookOver: false } });
    });
    s.on('supervision:whisper', (w) => this.addWhisper(w));
    s.on('conversation:handoff', (handoff) => this.patchChat(handoff.conversationId, { handoff }));
    s.on('conversation:started', (view) => void this.loadHandoff(view.id));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): ConsoleSignalsSnapshot => this.snapshot;

  chat(conversationId: string): ChatExtras {
    return this.snapshot.chats[conversationId] ?? emptyExtras;
  }

  async refreshSummary(): Promise<void> {
    const ack = await request(this.socket, 'queue:summary', {});
    if (ack.ok) this.setSummary(ack.data);
  }

  /** A pushed summary can overtake the answer to an earlier request: keep whichever was computed last. */
  private setSummary(summary: QueueSummary): void {
    const current = this.snapshot.summary;
    if (current && Date.parse(current.at) > Date.parse(summary.at)) return;
    this.set({ summary });
  }

  dismissBreak(): void {
    this.set({ breakReminder: undefined });
  }

  dismissWarning(id: string): void {
    this.set({ warnings: this.snapshot.warnings.filter((w) => w.id !== id) });
  }

  async askForHelp(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'help:request', { conversationId });
    if (!ack.ok) throw new Error(ack.error.message);
    this.patchChat(conversationId, { help: ack.data });
  }

  async whisper(conversationId: string, body: string): Promise<void> {
    const ack = await request(this.socket, 'supervision:whisper', { conversationId, clientId: crypto.randomUUID(), body });
    if (!ack.ok) throw new Error(ack.error.message);
    this.addWhisper(ack.data);
  }

  /** Loads the hand-off note of a chat that came from another volunteer (after a reload too). */
  async loadHandoff(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'handoff:get', { conversationId });
    if (ack.ok && ack.data) this.patchChat(conversationId, { handoff: ack.data });
  }

  private addWhisper(w: Whisper): void {
    const list = this.chat(w.conversationId).whispers;
    if (list.some((x) => x.id === w.id || x.clientId === w.clientId)) return;
    this.patchChat(w.conversationId, { whispers: [...list, w] });
  }

  private patchChat(conversationId: string, change: Partial<ChatExtras>): void {
    const chats = { ...this.snapshot.chats, [conversationId]: { ...this.chat(conversationId), ...change } };
    this.set({ chats });
  }

  private set(change: Partial<ConsoleSignalsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
