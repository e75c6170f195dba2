// English strings for the volunteer console's tools: queue summary, canned replies, resources, help, flag, transfer, wrap-up.
import type { RiskStepCode, SupervisorReach } from '@beside/shared';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The toolbar's help button, named again in the risk protocol. */
const askForHelp = 'Ask for help';
const names = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`);

function waitText(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const min = Math.round(seconds / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export const staffToolsEn = {
  queue: {
    heading: 'Queue',
    waiting: (n: number) => (n === 0 ? 'Nobody waiting' : `${plural(n, 'person', 'people')} waiting`),
    urgent: (n: number) => `${n} urgent`,
    held: (n: number) => `${n} reconnecting`,
    oldest: (seconds: number) => `longest wait ${waitText(seconds)}`,
    volunteers: (n: number, free: number) => `${plural(n, 'volunteer', 'volunteers')} taking chats, ${plural(free, 'free slot', 'free slots')}`,
    byLanguage: 'By language',
    byTopic: 'By topic',
    refresh: 'Refresh queue',
  },
  notices: {
    breakTitle: 'Time for a break',
    breakText: (minutes: number) =>
      `You have been on shift for ${Math.floor(minutes / 60)} h ${minutes % 60} min. Finish your chats, then turn off “Taking new chats” and step away for a while.`,
    warningTitle: 'A note from a moderator',
    dismiss: 'Dismiss',
  },
  toolbar: {
    label: 'Chat tools',
    canned: 'Canned replies',
    cannedShortcut: 'Ctrl+/',
    resource: 'Share a resource',
    help: askForHelp,
    helpAsked: 'Help requested',
    flag: 'Flag…',
    transfer: 'Transfer…',
    risk: 'Mark risk…',
  },
  riskMark: {
    heading: 'Mark this chat’s risk',
    hint: 'Supervisors are alerted and the risk protocol opens. Imminent: the survivor is in danger now; the chat is not ended until a supervisor acknowledges it, or you say why it can end.',
    high: 'High risk',
    imminent: 'Imminent risk (in danger now)',
    doneHigh: 'Marked high risk. Supervisors are alerted.',
    doneImminent: 'Marked imminent risk. Supervisors are alerted; stay with the survivor.',
  },
  imminentEnd: {
    title: 'This chat is marked imminent risk',
    text: 'No supervisor has acknowledged it yet. Ask for help, or end it only if one of these is true:',
    survivor_safe: 'The survivor is safe now',
    emergency_services: 'Emergency services are on the way',
    stay: 'Stay in the chat',
  },
  canned: {
    heading: 'Canned replies',
    search: 'Search canned replies',
    hint: 'Type to search, arrows to choose, Enter to insert, Esc to close.',
    results: 'Matching replies',
    none: 'No reply matches.',
    loading: 'Searching…',
    close: 'Close',
  },
  resources: {
    heading: 'Share a resource',
    share: (name: string) => `Share ${name}`,
    shareShort: 'Share',
    shared: (name: string) => `${name} was shared.`,
    none: 'No resources are listed for this language.',
    loading: 'Loading resources…',
  },
  help: {
    waiting: 'You asked for help.',
    /** What the request reached, said only as it is (the help:request ack's `reach`). */
    reach: (r: SupervisorReach) =>
      r.state === 'online'
        ? `You asked for help. ${names(r.names)} (${r.names.length === 1 ? 'supervisor' : 'supervisors'}) ${r.names.length === 1 ? 'has' : 'have'} been asked to join.`
        : r.state === 'paged'
          ? `You asked for help. No supervisor is online; the on-call supervisor (${names(r.onCall)}) has been paged.`
          : r.state === 'unreachable'
            ? `You asked for help. No supervisor is online, and the on-call supervisor (${names(r.onCall)}) could not be paged: follow the protocol, and call them if you can.`
            : 'You asked for help, but no supervisor is on call right now: follow the protocol.',
    joined: (name: string, time: string) => `${name} (supervisor) joined at ${time}. The visitor sees that a supervisor is supporting you.`,
    left: (name: string) => `${name} (supervisor) has left this chat.`,
    tookOver: (name: string, time: string) =>
      `${name} (supervisor) took this chat over at ${time}. You can still read along and whisper to them, but not write to the visitor.`,
    readOnly: 'A supervisor is writing to the visitor now.',
    whispers: 'Whispers with your supervisor',
    whisperLabel: 'Whisper to your supervisor',
    whisperHint: 'Only you and the supervisor see whispers; the visitor never does.',
    whisperSend: 'Send whisper',
    fromSupervisor: (name: string) => `${name} (supervisor)`,
    you: 'You',
  },
  risk: {
    title: 'Possible risk to life',
    imminentTitle: 'Imminent risk to life',
    /** The protocol's "supervisor alerted" step, as it is at this moment (the banner's `reach`). */
    reach: (r: SupervisorReach) =>
      r.state === 'online'
        ? `${names(r.names)} (${r.names.length === 1 ? 'supervisor' : 'supervisors'}) ${r.names.length === 1 ? 'has' : 'have'} been alerted. Press “${askForHelp}” if you want someone with you now.`
        : r.state === 'paged'
          ? `No supervisor is online. The on-call supervisor (${names(r.onCall)}) has been paged.`
          : r.state === 'unreachable'
            ? `No supervisor is online, and the on-call supervisor (${names(r.onCall)}) could not be paged: follow these steps, and call them if you can.`
            : 'No supervisor is on call right now: follow these steps.',
    acknowledged: (name: string) => `${name} (supervisor) has acknowledged this alert. Press “${askForHelp}” if you want someone with you now.`,
    imminentRule: 'Imminent: stay with them. This chat is ended only once a supervisor has acknowledged the alert, or when the survivor is safe or emergency services are on the way.',
    kinds: { suicide: 'suicide', self_harm: 'self-harm', immediate_danger: 'immediate danger' } as Record<string, string>,
    detected: (kinds: string) => `Words about ${kinds} were detected. Follow the protocol:`,
    /** Marked high-risk without crisis words (the volunteer's mark, the intake's answer kept as a kind otherwise). */
    markedEarlier: 'This chat was marked high-risk. Follow the protocol:',
    /** Raised by the intake: the survivor answered that they are in immediate danger. */
    intakeDanger: 'Before the chat, the survivor said they are in immediate danger. Follow the protocol:',
    /** The protocol's steps, by code, in the order the server sends them. */
    steps: {
      stay_with_them: 'Stay with them. Thank them for telling you, and keep your replies calm and unhurried.',
      ask_directly: 'Ask directly: are they safe right now? Are they thinking about ending their life? Do they have a plan or the means?',
      urge_emergency:
        'If they are in immediate danger, encourage them to call the emergency number now, or one of the lines below, and stay while they do.',
      supervisor_alerted: `A supervisor is alerted when one can be. Press “${askForHelp}” if you want someone with you now.`,
      no_secrecy: 'Do not promise secrecy and do not share personal contact details: share a resource from the list instead.',
    } satisfies Record<RiskStepCode, string>,
    resources: 'Emergency and crisis lines',
    askHelp: 'Ask a supervisor to join',
  },
  handoff: {
    title: (name?: string) => (name ? `Passed on to you by ${name}` : 'Passed on to you'),
    reason: (reason: string) =>
      reason === 'transferred' ? 'The previous volunteer transferred this chat.' : 'The previous volunteer became unavailable.',
    noteBy: (name: string | undefined, time: string) => `${name ?? 'A volunteer'}, ${time}`,
  },
  flag: {
    heading: 'Flag this conversation',
    reason: 'Reason',
    reasons: {
      abusive_visitor: 'Abusive visitor',
      trolling: 'Trolling or not genuine',
      risk_to_life: 'Risk to life',
      boundary_problem: 'Boundary problem',
      other: 'Something else',
    } as Record<string, string>,
    text: 'What happened (optional, only moderators read it)',
    endAndBlock: 'Also end the chat and block this visitor for 24 hours',
    endAndBlockRisk: 'Someone at risk is never blocked: ask for help instead.',
    submit: 'Flag',
    confirmTitle: 'End the chat and block this visitor?',
    confirmText: 'The visitor is told only that the chat ended. A moderator reviews the block within 24 hours.',
    confirm: 'Flag, end and block',
    cancel: 'Cancel',
    done: 'Flagged. A moderator will review it; the visitor is not told.',
    doneBlocked: 'Flagged, ended and blocked. A moderator will review it.',
  },
  transfer: {
    heading: 'Transfer this chat',
    to: 'Pass it to',
    queue: 'The front of the queue (the next free volunteer)',
    candidate: (name: string, active: number, capacity: number, trained: boolean) =>
      `${name} — ${active} of ${capacity} chats${trained ? ', trained for this topic' : ''}`,
    loading: 'Looking for volunteers…',
    noCandidates: 'No other volunteer can take it right now; you can still return it to the front of the queue.',
    note: 'Private note for the next volunteer (the visitor never sees it)',
    submit: 'Transfer',
    cancel: 'Cancel',
    done: (name?: string) => (name ? `Transferred to ${name}.` : 'Returned to the front of the queue.'),
  },
  wrapUp: {
    heading: 'Wrap-up',
    intro: 'A short record for the service. Nothing here is shown to the visitor.',
    topics: 'Topics discussed',
    risk: 'Risk level',
    risks: { low: 'Low', medium: 'Medium', high: 'High (marks the chat for follow-up)' },
    note: 'Private note (optional)',
    noteFor: 'The note is for',
    noteFors: { supervisor: 'The supervisors', next_volunteer: 'The next volunteer this visitor talks to' },
    submit: 'Save wrap-up',
    saving: 'Saving…',
    saved: 'Wrap-up saved. Thank you.',
    savedHighRisk: 'Wrap-up saved. The chat is marked high-risk and your break is a little longer.',
    needTopic: 'Choose at least one topic.',
    pending: (n: number) => (n === 1 ? 'One wrap-up to finish' : `${n} wrap-ups to finish`),
    pendingChat: (topic: string, ended: string) => `Chat about ${topic}, ended ${ended}`,
  },
};

export type StaffToolsMessages = typeof staffToolsEn;
