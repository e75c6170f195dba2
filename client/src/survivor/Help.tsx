// Emergency numbers and the services directory (GET /api/resources), shown at a danger answer, an empty queue and a chat's end.
import { useEffect, useId, useState } from 'react';
import type { Resource, ResourcesResponse } from '@beside/shared';
import { useLanguage, useT } from '../i18n';
import { getJson } from '../ui/api';
import { ResourceWays } from '../ui/ResourceCard';

export function EmergencyNumbers() {
  const t = useT();
  return (
    <ul className="help-list">
      <li>
        <a href="tel:911">911</a> — {t.emergency.call911}
      </li>
      <li>
        <a href="tel:988">988</a> — {t.emergency.call988}
      </li>
    </ul>
  );
}

const cache = new Map<string, Resource[]>();

/** The active resources in this language; undefined while loading or when the server cannot be reached. */
function useResources(language: string): Resource[] | undefined {
  const [resources, setResources] = useState(() => cache.get(language));
  useEffect(() => {
    let cancelled = false;
    getJson<ResourcesResponse>(`/api/resources?lang=${language}`).then(
      (r) => {
        cache.set(language, r.resources);
        if (!cancelled) setResources(r.resources);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [language]);
  return resources ?? cache.get(language);
}

function ResourceItem({ resource: r }: { resource: Resource }) {
  const t = useT();
  return (
    <li className="resource">
      <span className="resource__name">{r.name}</span>
      {r.description ? <span className="resource__description">{r.description}</span> : null}
      <ResourceWays resource={r} labels={t.resources} className="resource__ways" />
      {r.hours ? <span className="resource__hours">{r.hours}</span> : null}
    </li>
  );
}

export function Resources(props: { withEmergency?: boolean; /** 911 and 988 are already on screen above (an urgent survivor's queue). */ emergencyAbove?: boolean }) {
  const t = useT();
  const { language } = useLanguage();
  const headingId = useId();
  const resources = useResources(language);
  // Emergency numbers are already listed above the directory when asked for.
  const listed = resources?.filter((r) => !((props.withEmergency || props.emergencyAbove) && (r.category === 'emergency' || r.slug === '988')));
  return (
    <section className="card card--quiet" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t.resources.heading}
      </h2>
      {props.withEmergency ? <EmergencyNumbers /> : null}
      {listed ? (
        <ul className="resource-directory">
          {listed.map((r) => (
            <ResourceItem key={r.id} resource={r} />
          ))}
        </ul>
      ) : (
        <ul className="help-list">
          <li>
            <a href="tel:18006564673">800-656-4673</a> — {t.resources.rainn}
          </li>
          <li>{t.resources.crisisText}</li>
        </ul>
      )}
    </section>
  );
}
