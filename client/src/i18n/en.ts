// English strings for the survivor page: the reference dictionary every other language must match.
import type { SafetyNoticeKind } from '@beside/shared';
import type { SystemLineWords } from './codes';

const minutes = (seconds: number): number => Math.max(1, Math.round(seconds / 60));

export const en = {
  pageTitle: 'Notes',
  quickExit: 'Quick exit',
  quickExitHint: 'Leaves at once. Shortcut: Esc',
  languageLabel: 'Language',
  languageNames: { en: 'English', es: 'Español' },
  back: 'Back',
  continue: 'Continue',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  safety: {
    heading: 'Talk with someone, privately',
    intro: 'A trained volunteer can listen and help you think through your options. You don’t need to give your name.',
    exitTitle: 'If someone might see your screen',
    exitWhat: 'Quick exit (or the Esc key) leaves this page at once, opens a weather site and clears what this page kept in this tab.',
    exitLimits: 'It can’t erase your browser history or hide that this site was visited. A private or incognito window leaves fewer traces; close it when you’re done.',
    start: 'I’m ready',
    privacyLink: 'What we keep, for how long, and who can see it',
  },
  /** Whether anyone can answer, shown before the first question. */
  availability: {
    checking: 'Checking who is on shift…',
    onShift: 'Volunteers are on shift now.',
    onShiftHint: 'After a few questions, you’ll be connected with the next one who is free.',
    none: 'No volunteers are on shift right now.',
    next: (when: string) => `The next shift starts ${when} (your time).`,
    noneScheduled: 'No shift is scheduled yet.',
    noneHelp: 'You can still join the line and wait. If you need someone now, these are open at any time:',
  },
  /** The opt-in signal when someone answers while the tab is in the background. */
  signal: {
    summary: 'Let me know when someone answers',
    summaryOn: 'Letting you know when someone answers',
    intro: 'Only if you want it, and only while this tab is in the background. Nothing else changes: the tab keeps its plain name.',
    title: 'Show a count in the tab’s title: “Notes (1)”',
    sound: 'Play a soft sound',
  },
  /** When something starts, always with its day: "today at 6:00 PM", "on Thursday at 6:00 PM". */
  when: {
    today: (time: string) => `today at ${time}`,
    tomorrow: (time: string) => `tomorrow at ${time}`,
    weekday: (day: string, time: string) => `on ${day} at ${time}`,
    date: (date: string, time: string) => `on ${date} at ${time}`,
  },
  intake: {
    step: (n: number, total: number) => `Question ${n} of ${total}`,
    dangerQuestion: 'Are you in immediate danger?',
    yes: 'Yes',
    no: 'No',
    emergencyHeading: 'Please get help right away if you can',
    emergencyKeepGoing: 'You can still talk with a volunteer here. We’ll let them know it’s urgent.',
    topicQuestion: 'What would you like to talk about?',
    topics: {
      workplace: 'Harassment at work or school',
      sexual_assault: 'Sexual assault',
      partner_family: 'Abuse by a partner or family member',
      childhood: 'Abuse in childhood',
      supporting_someone: 'Supporting someone else',
      other: 'Something else',
    },
    languageQuestion: 'Which language would you like to chat in?',
    wantQuestion: 'What would help most right now?',
    wants: {
      to_be_heard: 'To be heard',
      information: 'Information and options',
    },
    preferenceQuestion: 'Would you prefer to talk with…',
    preferenceOptional: 'Optional. We’ll try; if it would mean a long wait, we’ll connect you with the next available volunteer.',
    preferences: {
      none: 'No preference',
      woman: 'A woman',
      man: 'A man',
      nonbinary: 'A non-binary person',
    },
    submit: 'Find someone to talk to',
  },
  emergency: {
    call911: 'Emergency services.',
    call988: 'Suicide & Crisis Lifeline: call or text, any time.',
  },
  resources: {
    heading: 'Other places to get help',
    rainn: 'National Sexual Assault Hotline, any time.',
    crisisText: 'Crisis Text Line: text HOME to 741741.',
    call: (phone: string) => `Call ${phone}`,
    text: (keyword: string | undefined, number: string) => (keyword ? `Text ${keyword} to ${number}` : `Text ${number}`),
    website: 'Website',
    chat: 'Online chat',
  },
  /** The notes about the survivor's own safety the server sends by kind (safety:notice). */
  safetyNotices: {
    contact_details:
      'A gentle note for your safety: you shared contact details. Your volunteer will never contact you outside ' +
      'Beside, and once details are shared we cannot protect them. It is your choice; you can stay anonymous here.',
  } satisfies Record<SafetyNoticeKind, string>,
  queue: {
    heading: 'Finding a volunteer',
    position: (n: number) => (n === 1 ? 'You’re next in line.' : `You’re number ${n} in line.`),
    wait: (seconds: number) =>
      seconds < 60 ? 'Estimated wait: less than a minute.' : `Estimated wait: about ${minutes(seconds)} min.`,
    urgent: 'Your request is marked urgent.',
    returnedToFront: 'Your volunteer had to step away. You’re at the front of the line for the next one.',
    preferenceRelaxed: 'To keep your wait short, you’ll be connected with the next available volunteer.',
    joining: 'Joining the line…',
    noneOnShift: 'No volunteers are on shift right now.',
    nextShift: (when: string, position: number) =>
      position === 1
        ? `The next shift starts ${when} (your time). You’ll be first in line.`
        : `The next shift starts ${when} (your time). You’re number ${position} in line for it.`,
    noShiftScheduled: (position: number) =>
      position === 1 ? 'No shift is scheduled yet. You’re first in line.' : `No shift is scheduled yet. You’re number ${position} in line.`,
    noneOnShiftHelp: 'You can keep this page open and wait, or use one of the services below.',
    urgentHeading: 'If you are in danger now',
    urgentHelp: 'Call or text one of these first if you can. You keep your place in line, and you’re at the front of it.',
    stayHere: 'You can leave this page open. We’ll connect you as soon as someone is free.',
    whileYouWait: 'While you wait: other places to get help',
    leave: 'Leave the queue',
    leaveConfirm: 'Leave the queue? You’ll lose your place in line.',
    leaveYes: 'Yes, leave',
    leaveNo: 'Stay in line',
    left: 'You left the queue.',
    rejoin: 'Join the queue again',
    preference: {
      names: { none: '', woman: 'a woman', man: 'a man', nonbinary: 'a non-binary person' },
      waiting: (who: string) => `We’re looking for ${who} for you.`,
      relaxAt: (time: string) => `If nobody who fits is free by ${time}, we’ll connect you with the next available volunteer.`,
      keeping: (who: string) => `You chose to keep waiting for ${who}, however long it takes.`,
      relaxed: (who: string) => `Nobody who fits your preference for ${who} is free right now.`,
      question: 'What would you like to do?',
      keep: (who: string) => `Keep waiting for ${who}`,
      takeNext: 'Talk with the next available volunteer',
    },
  },
  chat: {
    logLabel: 'Conversation',
    header: (name: string) => `You’re talking with ${name}`,
    headerEnded: (name: string) => `Your chat with ${name}`,
    joined: (name: string) => `${name} has joined. Write whenever you’re ready; there is no rush.`,
    you: 'You',
    system: 'Notice',
    /** The service's lines in the chat, by code. */
    systemLines: {
      supervisor_joined: () => 'A supervisor is supporting your volunteer in this conversation.',
      supervisor_handed_back: (p) => `${p.name || 'Your volunteer'} is with you again.`,
      supervisor_took_over: (p) => (p.name ? `${p.name}, a supervisor, is now talking with you, in place of your volunteer.` : 'A supervisor is now talking with you, in place of your volunteer.'),
    } satisfies SystemLineWords,
    typing: (name: string) => `${name} is typing…`,
    away: (name: string) => `${name}’s connection dropped. Please wait a moment; they should be back soon.`,
    composerLabel: 'Your message',
    placeholder: 'Type a message',
    send: 'Send',
    sendHint: 'Enter sends, Shift+Enter adds a line.',
    sendHintTouch: 'Tap Send to send. Return adds a new line.',
    count: (used: number, max: number) => `${used.toLocaleString('en')} of ${max.toLocaleString('en')} characters`,
    sending: 'Sending…',
    sent: 'Sent',
    waiting: 'Waiting for connection…',
    failed: 'Not sent',
    retry: 'Retry',
    end: 'End chat',
    endConfirm: 'End this chat?',
    endYes: 'Yes, end it',
    endNo: 'Keep chatting',
    endedByVisitor: 'You ended the chat.',
    endedByVolunteer: (name: string) => `${name} ended the chat.`,
    endedByModerator: 'The chat was ended by a moderator.',
    endedBySupervisor: (name: string) => `${name}, the supervisor, ended the chat.`,
    endedBySystem: 'The chat was closed.',
    volunteerUnavailable: (name: string) => `${name} is no longer available.`,
    thanks: 'Thank you for reaching out. You can start another chat whenever you need to.',
    newChat: 'Start a new chat',
    deleteTranscript: 'Delete this conversation now',
    deleteHint: 'Removes the messages from our servers now instead of after the usual retention period.',
    deleted: 'This conversation has been deleted.',
    deleteUnderReview: (hours: number) =>
      `This conversation is kept while our safety team reviews a report about it, as our privacy page says. It will be deleted automatically ${hours} hours after the review ends; you don’t need to do anything.`,
    noticeDismiss: 'Got it',
    tooLong: (max: number) => `Messages can be up to ${max} characters.`,
  },
  survey: {
    heading: 'Two quick questions (optional)',
    intro: 'Your answers are anonymous and never shown to your volunteer.',
    feltHeard: 'Did you feel heard?',
    scale: ['Not at all', 'A little', 'Somewhat', 'Mostly', 'Completely'],
    reachAgain: 'Would you reach out again?',
    reachAgainOptions: { yes: 'Yes', no: 'No', unsure: 'Not sure' },
    submit: 'Send answers',
    skip: 'Skip',
    thanks: 'Thank you for your answers.',
  },
  report: {
    open: 'Report a problem with this volunteer',
    openSupervisor: (name: string) => `Report a problem with ${name} (supervisor)`,
    heading: 'Report a problem',
    intro: (name: string) => `Our safety team will read this conversation and decide what to do. ${name} won’t be told about your report.`,
    reason: 'What happened?',
    reasons: {
      asked_for_contact_details: 'They asked for my contact details or to meet',
      sexual_or_inappropriate: 'They said something sexual or inappropriate',
      disrespectful_or_judgemental: 'They were disrespectful or judgemental',
      unsafe_or_threatening: 'They made me feel unsafe or threatened',
      other: 'Something else',
    },
    text: 'Anything you want to add (optional)',
    submit: 'Send report',
    cancel: 'Cancel',
    done: 'Thank you for telling us. Our safety team will review it.',
  },
  privacy: {
    link: 'Privacy',
    title: 'Your privacy',
    intro: 'Beside is anonymous. Here is, in plain words, what we keep, for how long, and who can see it.',
    back: 'Back to the chat page',
    sections: [
      {
        heading: 'What we never ask',
        body: ['Your name, e-mail, phone number or where you live. You don’t need an account.'],
      },
      {
        heading: 'What we keep',
        body: [
          'Your answers to the first questions (topic, language, what would help).',
          'The messages of your chat, stored encrypted on our servers.',
          'A scrambled code made from your internet address (not the address itself), used only to stop abuse.',
        ],
      },
      {
        heading: 'For how long',
        body: [
          'Messages are deleted automatically {hours} hours after the chat ends.',
          'If a chat is reported, it is kept until our safety team has reviewed it, then deleted {hours} hours later.',
          'You can delete a finished conversation yourself at any time, unless it is being reviewed.',
        ],
      },
      {
        heading: 'Who can see your messages',
        body: [
          'The volunteer you talk with, during the chat.',
          'A supervisor, only if your volunteer asks for help or if you may be in danger.',
          'Our safety team, only if the chat is reported. Every time they open a conversation, it is recorded.',
          'Nobody else. We never sell or share your messages.',
        ],
      },
      {
        heading: 'On this device',
        body: [
          'This page stores no cookies. It keeps a small note in this tab only, so a reload doesn’t lose your chat.',
          'Quick exit (or Esc) clears it and leaves at once. Your browser history may still show this site: a private window leaves fewer traces.',
        ],
      },
    ],
  },
  errors: {
    generic: 'Something went wrong. Please try again.',
    unreachable: 'We can’t reach the service right now. Please try again in a moment.',
    banned: 'This service isn’t available from this device.',
    sessionEnded: 'Your session ended. You can start a new chat.',
    tryAgain: 'Try again',
  },
};

export type Messages = typeof en;
