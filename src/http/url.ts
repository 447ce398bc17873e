// The one URL redactor lives with the others in src/log; re-exported here for the HTTP layer's callers.
export { redactUrl } from '../log/redact';

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped 127.x.y.z, as written and as the URL parser normalises it (::ffff:7f00:1).
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host))
    return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The path of a URL with ids (UUIDs, numbers, long opaque tokens) replaced by `{id}`: a stand-in operation name. */
export function pathTemplate(raw: string): string {
  const path = URL.canParse(raw) ? new URL(raw).pathname : (raw.split('?')[0] ?? raw);
  return path
    .split('/')
    .map((segment) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) ||
      /^\d+$/.test(segment) ||
      (segment.length >= 20 && /\d/.test(segment) && /^[A-Za-z0-9_-]+$/.test(segment))
        ? '{id}'
        : segment,
    )
    .join('/');
}
