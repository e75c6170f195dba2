// Resource quick-insert: the directory in the chat's language; one click shares a resource as a message.
import { useEffect, useState } from 'react';
import type { Language, Resource } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { request, type BesideSocket } from '../ui/socket';
import { listResources } from './staffApi';

export function ResourcePicker(props: { socket: BesideSocket; conversationId: string; language: Language; onClose: () => void }) {
  const all = useStaffT();
  const t = all.tools.resources;
  const [resources, setResources] = useState<Resource[]>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    listResources(props.language).then(
      (r) => !cancelled && setResources(r.resources),
      () => !cancelled && setStatus(all.errors.generic),
    );
    return () => {
      cancelled = true;
    };
  }, [props.language, all]);

  async function share(resource: Resource) {
    setBusy(true);
    const ack = await request(props.socket, 'resource:share', {
      conversationId: props.conversationId,
      clientId: crypto.randomUUID(),
      slug: resource.slug,
    });
    setBusy(false);
    setStatus(ack.ok ? t.shared(resource.name) : ack.error.message);
  }

  return (
    <div className="tool-panel" role="group" aria-label={t.heading}>
      <div className="tool-panel__head">
        <h3 className="tool-panel__title">{t.heading}</h3>
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          {all.tools.canned.close}
        </button>
      </div>
      {resources === undefined ? <p className="hint">{t.loading}</p> : null}
      {resources?.length === 0 ? <p className="hint">{t.none}</p> : null}
      <ul className="resource-list">
        {resources?.map((r) => (
          <li key={r.id} className="resource-item">
            <span className="resource-item__text">
              <span className="resource-item__name">{r.name}</span>
              <span className="resource-item__detail">{[r.phone, r.smsNumber && `SMS ${r.smsNumber}`, r.hours].filter(Boolean).join(' · ')}</span>
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={busy}
              aria-label={t.share(r.name)}
              onClick={() => void share(r)}
            >
              {t.shareShort}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint" role="status">
        {status}
      </p>
    </div>
  );
}
