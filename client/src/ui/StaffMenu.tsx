// The account menu every staff console shares: who is signed in, the other staff pages (schedule, two-factor, …), sign-out.
import { useEffect, useId, useRef } from 'react';
import type { Role } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import './attention.css';

interface StaffLink {
  href: string;
  label: string;
}

/** The staff pages a role may open, beside the one it is on. */
function linksFor(role: Role, here: 'staff' | 'moderator', t: ReturnType<typeof useStaffT>['signals']['links']): StaffLink[] {
  const links: StaffLink[] = [];
  if (here !== 'staff') links.push({ href: '/staff', label: t.console });
  if (here !== 'moderator' && role !== 'volunteer') links.push({ href: '/moderator', label: t.moderator });
  links.push({ href: '/admin/schedule', label: t.schedule });
  links.push({ href: '/admin/security', label: t.security });
  if (role === 'admin') links.push({ href: '/admin', label: t.admin });
  return links;
}

export function StaffMenu(props: { name: string; role: Role; here: 'staff' | 'moderator'; signedInAs: string; logoutLabel: string; onLogout: () => void }) {
  const t = useStaffT().signals.links;
  const ref = useRef<HTMLDetailsElement>(null);
  const id = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onDown = (e: PointerEvent) => {
      if (el.open && !el.contains(e.target as Node)) el.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && el.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    el.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      el.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <details className="attention-menu staff-menu" ref={ref}>
      <summary className="button button--ghost button--small attention-menu__summary" title={props.signedInAs}>
        <span className="staff-menu__name">{props.name}</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <nav className="attention-menu__panel staff-menu__panel" aria-labelledby={`${id}-h`}>
        <p id={`${id}-h`} className="attention-menu__title">
          {props.signedInAs}
        </p>
        <ul className="staff-menu__links">
          {linksFor(props.role, props.here, t).map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--ghost button--small" onClick={props.onLogout}>
          {props.logoutLabel}
        </button>
      </nav>
    </details>
  );
}
