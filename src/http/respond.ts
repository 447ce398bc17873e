import type { ServerResponse } from 'node:http';

/** Writes `body` as JSON; `headers` are added to the content type and length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8', headers);
}

/** Writes a body-less answer. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  send(res, status, Buffer.alloc(0), null, headers);
}

/** Writes `text` and a newline as plain text. */
export function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, Buffer.from(`${text}\n`), 'text/plain; charset=utf-8', headers);
}

function send(
  res: ServerResponse,
  status: number,
  payload: Buffer,
  contentType: string | null,
  headers: Record<string, string>,
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status, {
    ...(contentType === null ? {} : { 'content-type': contentType }),
    'content-length': payload.length,
  });
  res.end(payload);
}
