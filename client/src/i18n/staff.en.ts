// English strings for the staff surfaces (volunteer console, first-admin setup).
import type { ContactKind, EndReason, EndedBy } from '@beside/shared';
import { listOf, type RefusalWords, type SystemLineWords } from './codes';
import { staffSignalsEn } from './staffSignals.en';
import { staffToolsEn } from './staffTools.en';

/** What the detector found in a held-back message, as it reads in a sentence. */
const contactKinds = {
  phone: 'a phone number',
  email: 'an e-mail address',
  social_handle: 'a social media handle',
  link: 'a link',
  request: 'a request for contact details',
} satisfies Record<ContactKind, string>;

export const staffEn = {
  pageTitle: 'Beside — staff',
  tools: staffToolsEn,
  signals: staffSignalsEn,
  product: 'Beside',
  login: {
    heading: 'Staff sign-in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalid: 'That e-mail and password do not match an account.',
    rateLimited: 'Too many attempts. Wait a minute and try again.',
    unreachable: 'The server could not be reached. Check your connection and try again.',
    sessionEnded: 'Your session ended. Please sign in again.',
    totp: 'Code from your authenticator app',
    recoveryCode: 'Recovery code',
    useRecovery: 'Use a recovery code instead',
    useTotp: 'Use the authenticator app instead',
    badCode: 'That code did not work. Check it and try again.',
    setupRequired: 'Your role needs two-factor sign-in, and setting it up is not available on this page yet. Ask an administrator.',
    forgot: 'Forgot your password? Ask an admin for a reset link.',
  },
  console: {
    heading: 'Volunteer console',
    signedInAs: (name: string) => `Signed in as ${name}`,
    logout: 'Sign out',
    shift: 'Shift',
    onShift: 'On shift',
    offShift: 'Off shift',
    startShift: 'Start shift',
    endShift: 'End shift',
    accepting: 'Taking new chats',
    capacity: 'Chats at once',
    active: (n: number, cap: number) => `${n} of ${cap} chats`,
    cooldown: (time: string) => `Short break until ${time}`,
    noChats: 'No chats open.',
    noChatsOnShift: 'You are on shift. A chat opens here when a visitor is matched with you.',
    noChatsOffShift: 'Start your shift to be matched with visitors.',
    chats: 'Open chats',
    sideBySide: 'Side by side',
    confirmLogout: (n: number) => `You have ${n} open chat${n === 1 ? '' : 's'}. Sign out anyway?`,
    status: { connecting: 'Connecting…', online: 'Connected', reconnecting: 'Reconnecting…', closed: 'Offline' },
  },
  chat: {
    logLabel: (topic: string) => `Conversation about ${topic}`,
    visitor: 'Visitor',
    you: 'You',
    system: 'System',
    /** The service's lines in the chat, by code, as the volunteer reads them (the visitor's page words its own). */
    systemLines: {
      supervisor_joined: () => 'The visitor was told that a supervisor is supporting you.',
      supervisor_handed_back: (p) => `The supervisor handed the chat back to ${p.name || 'you'}: the visitor was told you are with them again.`,
      supervisor_took_over: (p) => `${p.name ?? 'A supervisor'} (supervisor) has this chat now: the visitor was told they are talking with them, in place of you. You can read and whisper.`,
    } satisfies SystemLineWords,
    contactKinds,
    /** Why a message was not sent, shown with it. */
    refusals: {
      contact_details: ({ kinds }) =>
        `Not sent: it contains ${listOf(kinds.map((k) => contactKinds[k]), 'and')}. Sharing or asking for personal ` +
        `contact details is a boundary breach at Beside: a survivor's safety depends on the conversation staying ` +
        `here, anonymous. Nothing was stored or delivered. To point someone to a support service, share it from ` +
        `the resources list.`,
    } satisfies RefusalWords,
    /** The labels of a shared resource's card. */
    resource: {
      call: (phone: string) => `Call ${phone}`,
      text: (keyword: string | undefined, number: string) => (keyword ? `Text ${keyword} to ${number}` : `Text ${number}`),
      website: 'Website',
      chat: 'Online chat',
    },
    typing: 'Visitor is typing…',
    composerLabel: 'Message to the visitor',
    placeholder: 'Write a reply',
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
    endConfirm: 'End this chat for both of you?',
    endYes: 'End chat',
    endNo: 'Cancel',
    close: 'Close tab',
    deleted: 'The visitor deleted this conversation.',
    urgent: 'Urgent',
    started: (time: string) => `Started ${time}`,
    unread: (n: number) => `${n} unread`,
    tooLong: (max: number) => `Messages can be up to ${max} characters.`,
    ended: (by: EndedBy, reason: EndReason): string => {
      // Only quick exit ends a chat this way: the survivor may have been seen, or be in danger.
      if (reason === 'visitor_left') return 'The visitor left quickly (quick exit). They may not be safe: do not try to follow up.';
      if (reason === 'volunteer_unavailable') return 'The chat was closed because you became unavailable.';
      if (reason === 'transferred') return 'You passed this chat on.';
      if (by === 'visitor') return 'The visitor ended the chat.';
      if (by === 'volunteer') return 'You ended the chat.';
      if (by === 'moderator') return 'A moderator ended the chat.';
      return 'The chat was closed.';
    },
  },
  topics: {
    workplace: 'workplace harassment',
    sexual_assault: 'sexual assault',
    partner_family: 'abuse by partner or family',
    childhood: 'childhood abuse',
    supporting_someone: 'supporting someone else',
    other: 'something else',
  },
  wants: { to_be_heard: 'wants to be heard', information: 'wants information and options' },
  languages: { en: 'English', es: 'Spanish' },
  setup: {
    heading: 'Create the first administrator',
    intro: 'This one-time link creates the first admin account. It stops working once used.',
    displayName: 'Display name',
    displayNameHint: 'First name or pseudonym; visitors never see this account.',
    email: 'E-mail',
    password: 'Password',
    passwordHint: (min: number) => `At least ${min} characters.`,
    confirm: 'Repeat password',
    mismatch: 'The passwords do not match.',
    submit: 'Create administrator',
    submitting: 'Creating…',
    noToken: 'This page needs the setup link printed by the server at start-up (it ends in #…).',
    done: 'The administrator account is ready.',
    goToLogin: 'Go to staff sign-in',
  },
  errors: {
    generic: 'Something went wrong. Please try again.',
  },
};

export type StaffMessages = typeof staffEn;
