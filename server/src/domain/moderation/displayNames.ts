// Staff display names are shown to survivors: a name holding contact details would walk around the contact guard.
import { Invalid } from '../core/errors.js';
import { detectContactDetails } from './detection.js';

/** Throws Invalid (field `displayName`) when a display name holds a phone number, e-mail, handle, link or request. */
export function assertDisplayNameWithoutContact(displayName: string): void {
  const kinds = detectContactDetails(displayName);
  if (kinds.length > 0) {
    throw new Invalid('displayName: a display name cannot hold contact details (a phone number, e-mail, handle or link).', 'displayName');
  }
}
