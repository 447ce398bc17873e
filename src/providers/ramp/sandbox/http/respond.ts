import type { ServerResponse } from 'node:http';
import { sendJson } from '../../../../http/respond';
import { rampErrorBody, type FieldErrors, type RampErrorCode } from './ramp-error';

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
