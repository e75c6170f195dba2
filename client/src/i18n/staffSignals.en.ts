// English strings for what draws staff attention (sound, notifications, counts), wait timers, the greeting prompt and the console's links.
function ago(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
  const min = Math.floor(seconds / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export const staffSignalsEn = {
  settings: {
    open: 'Alerts',
    heading: 'How this page gets your attention',
    sound: 'Play a sound for new chats, messages and alerts',
    soundTest: 'Test the sound',
    desktop: 'Desktop notifications',
    desktopOn: 'On: a notification appears when this tab is in the background (never with message text).',
    desktopOff: 'Off.',
    desktopBlocked: 'Blocked in this browser’s site settings. Allow notifications for this site there to turn them on.',
    desktopUnsupported: 'This browser does not offer desktop notifications.',
    turnOn: 'Turn on desktop notifications',
    titleCount: 'The tab’s title and icon always show how many things wait for you.',
  },
  nudge: {
    text: 'Get a desktop notification when a chat or message arrives while this tab is in the background?',
    moderatorText: 'Get a desktop notification for high-risk chats and help requests while this tab is in the background?',
    yes: 'Turn on',
    no: 'Not now',
  },
  notify: {
    newChat: 'New chat',
    newChatBody: (topic: string) => `A visitor wants to talk about ${topic}.`,
    newMessage: 'New message',
    newMessageBody: (topic: string) => `In the chat about ${topic}.`,
    risk: 'High risk: follow the protocol',
    riskBody: (topic: string) => `The chat about ${topic} may involve a risk to life.`,
    help: 'Help requested',
    helpBody: (name: string) => `${name} asked for a supervisor.`,
    modRisk: 'High-risk chat',
    modRiskBody: (name: string) => `${name}'s chat may involve a risk to life.`,
    flag: 'New flag',
    flagBody: (reason: string) => `Reason: ${reason}.`,
  },
  wait: {
    /** Short, on a chat's tab. */
    short: (seconds: number) => ago(seconds),
    /** In the pane's header. */
    visitorWaiting: (seconds: number) => `Visitor waiting ${ago(seconds)} for a reply`,
    greetingDue: (seconds: number) => `Chat opened ${ago(seconds)} ago: say hello`,
    label: (seconds: number) => `The visitor has waited ${ago(seconds)} for a reply`,
  },
  greeting: {
    title: 'Say hello first',
    text: 'The visitor may be too frightened to write first. A warm, short greeting helps them begin.',
    insert: 'Insert a greeting',
    suggestion: 'Hi, I’m {name}, a volunteer here. I’m glad you reached out. Take your time: you can tell me as much or as little as you like.',
  },
  links: {
    schedule: 'Schedule',
    security: 'Two-factor sign-in',
    console: 'Volunteer console',
    moderator: 'Moderator console',
    admin: 'Admin pages',
    more: 'More',
  },
  tabs: {
    closeEnded: (n: number) => `Close ${n} ended`,
    endedGroup: (n: number) => `${n} ended`,
  },
  shiftRefusal: {
    dismiss: 'Dismiss',
  },
  risk: {
    collapse: 'Hide details',
    expand: 'Show protocol and crisis lines',
  },
};
