import type { IncomingMessage } from 'node:http';

/** Bodies past this size are refused: no sandbox request comes close. */
export const MAX_BODY_BYTES = 1_000_000;

export type BodyRead = { ok: true; text: string } | { ok: false; reason: string };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(
        tooLarge
          ? { ok: false, reason: `Request body is larger than ${limit} bytes.` }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      );
    });
    req.on('error', () => resolve({ ok: false, reason: 'The request body could not be read.' }));
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** An empty body reads as `{}` so the validator can name the missing fields. */
export function parseJsonBody(req: IncomingMessage, text: string): JsonParse {
  if (text.trim() === '') return { ok: true, value: {} };
  const type = mediaType(req);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return {
      ok: false,
      reason: `Request body must be JSON (Content-Type: application/json), got "${type || 'none'}".`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}
