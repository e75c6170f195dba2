// English strings for staff access in the admin pages: recording training, password-reset links and the reset page.
export const adminAccessEn = {
  training: {
    heading: (name: string) => `Record training for ${name}`,
    intro: 'Once recorded, this person can go on shift and be matched with survivors.',
    course: 'Course',
    courseHint: 'The course or cohort they completed, as your organisation names it.',
    completedOn: 'Completed on',
    record: 'Record training',
    recorded: (course: string, date: string, by: string) => `${course}, ${date} · recorded by ${by}`,
    recordedNoCourse: (date: string) => `${date} (no course recorded)`,
    confirmClear: (name: string) => `Clear the training record of ${name}? They can no longer go on shift until it is recorded again.`,
  },
  reset: {
    action: 'Password reset link',
    heading: (name: string) => `Password reset link for ${name}`,
    intro: (name: string) =>
      `Send this link to ${name} through a channel you trust (not the chat). It works once, for 24 hours, and replaces any earlier link. Using it signs them out everywhere. It is shown only now.`,
    linkLabel: 'One-time reset link',
    expires: (when: string) => `Expires ${when}`,
    done: 'Done',
    issued: (name: string) => `A password reset link for ${name} is ready to pass on.`,
  },
  resetPage: {
    pageTitle: 'Beside — new password',
    heading: 'Choose a new password',
    checking: 'Checking your link…',
    invalid: 'This reset link is not valid any more: it may have been used, replaced by a newer one or expired. Ask an admin for a new one.',
    noToken: 'This page needs the reset link an admin gave you (it ends in #…).',
    intro: (name: string, email: string) => `Setting a new password for ${name} (${email}).`,
    expires: (when: string) => `The link expires ${when}.`,
    password: 'New password',
    confirm: 'Repeat the new password',
    submit: 'Set the new password',
    submitting: 'Saving…',
    done: 'Your password has been changed. You were signed out everywhere; sign in again with the new password.',
    goToSignIn: 'Go to staff sign-in',
  },
};
