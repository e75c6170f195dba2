// On/off shift, taking new chats, and how many chats at once (1–3).
import { useId } from 'react';
import { LIMITS, type ShiftSetInput, type VolunteerState } from '@beside/shared';
import { useStaffT } from '../i18n/staff';

const capacities = Array.from({ length: LIMITS.capacityMax - LIMITS.capacityMin + 1 }, (_, i) => LIMITS.capacityMin + i);
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function ShiftControls(props: {
  state: VolunteerState | undefined;
  disabled: boolean;
  error?: string;
  onChange: (change: ShiftSetInput) => void;
}) {
  const t = useStaffT();
  const capacityId = useId();
  const s = props.state;
  const onShift = s?.onShift ?? false;

  return (
    <div className="shift" role="group" aria-label={t.console.shift}>
      <span className={onShift ? 'badge badge--on' : 'badge'}>{onShift ? t.console.onShift : t.console.offShift}</span>
      <button
        type="button"
        className={onShift ? 'button button--ghost button--small' : 'button button--primary button--small'}
        disabled={props.disabled || !s}
        onClick={() => props.onChange({ onShift: !onShift })}
      >
        {onShift ? t.console.endShift : t.console.startShift}
      </button>
      <label className="switch">
        <input
          type="checkbox"
          checked={s?.accepting ?? false}
          disabled={props.disabled || !onShift}
          onChange={(e) => props.onChange({ onShift, accepting: e.target.checked })}
        />
        <span>{t.console.accepting}</span>
      </label>
      <span className="shift__capacity">
        <label htmlFor={capacityId}>{t.console.capacity}</label>
        <select
          id={capacityId}
          value={s?.capacity ?? LIMITS.capacityDefault}
          disabled={props.disabled || !s}
          onChange={(e) => props.onChange({ onShift, capacity: Number(e.target.value) })}
        >
          {capacities.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </span>
      {s && onShift ? <span className="shift__count">{t.console.active(s.activeConversations, s.capacity)}</span> : null}
      {s?.cooldownUntil && Date.parse(s.cooldownUntil) > Date.now() ? <span className="shift__count">{t.console.cooldown(timeFormat.format(new Date(s.cooldownUntil)))}</span> : null}
      {props.error ? (
        <span className="error" role="alert">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}
