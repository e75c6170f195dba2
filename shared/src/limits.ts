// Numbers both sides must agree on: lengths, capacities, defaults.
export const LIMITS = {
  messageMaxChars: 4000,
  displayNameMaxChars: 40,
  emailMaxChars: 254,
  passwordMinChars: 12,
  passwordMaxChars: 200,
  capacityMin: 1,
  capacityMax: 3,
  capacityDefault: 1,
  noteMaxChars: 2000,
  trainingCourseMaxChars: 120,
} as const;
