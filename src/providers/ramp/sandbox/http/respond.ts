import type { ServerResponse } from 'node:http';
import { rampErrorBody, type FieldErrors, type RampErrorCode } from './ramp-error';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

export function sendRampError(
  res: ServerResponse,
  status: number,
  code: RampErrorCode,
  message: string,
  fields?: FieldErrors,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, rampErrorBody(code, message, fields), headers);
}

/** What a web framework answers for a route it does not have: not Ramp's JSON shape, on purpose. */
export function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(`${text}\n`);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': payload.length });
  res.end(payload);
}
