// A help resource as something to act on: call, text and open links, labelled from the reader's own dictionary.
import type { SharedResource } from '@beside/shared';

export interface ResourceLabels {
  call: (phone: string) => string;
  text: (keyword: string | undefined, number: string) => string;
  website: string;
  chat: string;
}

type Ways = Pick<SharedResource, 'phone' | 'smsNumber' | 'smsKeyword' | 'url' | 'chatUrl'>;

const digits = (phone: string) => phone.replace(/[^\d+]/g, '');

/** Only web links: a directory entry is admin-written, but a link is never a script (javascript:) or anything else. */
function webLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The ways to reach a service, as links: `tel:`, `sms:` (with the keyword as the text, where the phone supports it), web. */
export function ResourceWays(props: { resource: Ways; labels: ResourceLabels; className: string }) {
  const { resource: r, labels } = props;
  const chat = webLink(r.chatUrl);
  const site = webLink(r.url);
  return (
    <span className={props.className}>
      {r.phone ? <a href={`tel:${digits(r.phone)}`}>{labels.call(r.phone)}</a> : null}
      {r.smsNumber ? (
        // `?&body=` is the form both iOS and Android read.
        <a href={`sms:${digits(r.smsNumber)}${r.smsKeyword ? `?&body=${encodeURIComponent(r.smsKeyword)}` : ''}`}>
          {labels.text(r.smsKeyword, r.smsNumber)}
        </a>
      ) : null}
      {chat ? (
        <a href={chat} target="_blank" rel="noopener noreferrer">
          {labels.chat}
        </a>
      ) : null}
      {site && site !== chat ? (
        <a href={site} target="_blank" rel="noopener noreferrer">
          {labels.website}
        </a>
      ) : null}
    </span>
  );
}

/** A resource shared into a chat: its name, what it is, the ways to reach it and its hours. */
export function ResourceCard(props: { resource: SharedResource; labels: ResourceLabels }) {
  const { resource: r } = props;
  return (
    // The name, description and hours are the directory's words, in the resource's language; the links are the reader's.
    <div className="resource-card">
      <p className="resource-card__name" lang={r.language}>
        {r.name}
      </p>
      {r.description ? (
        <p className="resource-card__description" lang={r.language}>
          {r.description}
        </p>
      ) : null}
      <ResourceWays resource={r} labels={props.labels} className="resource-card__ways" />
      {r.hours ? (
        <p className="resource-card__hours" lang={r.language}>
          {r.hours}
        </p>
      ) : null}
    </div>
  );
}
