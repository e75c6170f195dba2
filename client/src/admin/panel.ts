// What every admin section receives from the shell: the API, the session, a way to announce results.
import type { RefObject } from 'react';
import type { StaffSession } from '../ui/staffSession';
import type { AdminApi } from './adminApi';

export interface PanelProps {
  api: AdminApi;
  session: StaffSession;
  /** Says a result out loud (polite live region) and shows nothing else. */
  announce: (text: string) => void;
  /** The section's h1, focused when the section opens. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}
