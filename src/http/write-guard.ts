import { WriteRefusedError } from '../errors';
import { isLoopbackHost } from './url';

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

/**
 * Refuses, before a byte is sent:
 * - any request that is not http(s), and plain `http:` to anything but loopback (every method);
 * - a write (POST, PUT, PATCH, DELETE) to a host not in `writeAllowedHosts`.
 * An entry `host` allows every port of that host; `host:port` only that port (the scheme's default
 * port when the URL names none).
 * @throws WriteRefusedError
 */
export function assertRequestAllowed(method: string, url: string, writeAllowedHosts: readonly string[]): void {
  const verb = method.toUpperCase();
  if (!URL.canParse(url)) throw new WriteRefusedError(verb, url, 'not an absolute URL');
  const target = new URL(url);
  const hostname = target.hostname.toLowerCase();
  const port = target.port || DEFAULT_PORTS[target.protocol] || '';
  const host = target.port ? `${hostname}:${target.port}` : hostname;

  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new WriteRefusedError(verb, host, `${target.protocol} is not supported; use https`);
  }
  if (target.protocol === 'http:' && !isLoopbackHost(hostname)) {
    throw new WriteRefusedError(verb, host, 'plain http is only allowed to loopback hosts; use https');
  }
  if (!isWriteMethod(verb)) return;

  const allowed = writeAllowedHosts.some((entry) => {
    const [entryHost, entryPort] = splitHostPort(entry.trim().toLowerCase());
    return entryHost === hostname && (entryPort === null || entryPort === port);
  });
  if (!allowed) {
    throw new WriteRefusedError(
      verb,
      host,
      `writes go only to hosts listed in RAMPART_WRITE_HOSTS (${writeAllowedHosts.length ? writeAllowedHosts.join(', ') : 'none listed'})`,
    );
  }
}

/** `assertRequestAllowed` says yes to a write to this URL's host. */
export function isWriteAllowed(url: string, writeAllowedHosts: readonly string[]): boolean {
  try {
    assertRequestAllowed('POST', url, writeAllowedHosts);
    return true;
  } catch {
    return false;
  }
}

function splitHostPort(entry: string): [string, string | null] {
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1] ?? entry, bracketed[2] ?? null];
  const [hostPart, portPart] = entry.split(':');
  return [hostPart ?? entry, portPart ?? null];
}
