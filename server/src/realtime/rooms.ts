// Room names: every emit goes to a room, never to a socket held in a map, so it works across nodes.
export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  user: (id: string) => `user:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  /** The connections opened with one sign-in session's tokens: signing out closes these, not the other devices'. */
  session: (id: string) => `session:${id}`,
  moderators: 'moderators',
  /** Every connected staff member: the queue summary goes here. */
  staff: 'staff',
} as const;
