/**
 * Ramp's error body and the codes the sandbox uses. DEVELOPER_7001 (validation, the docs' example) and
 * DEVELOPER_7100 (missing scope, observed on Ramp's demo) are Ramp's; the others are the sandbox's own
 * choices in the same family, since Ramp does not publish a code list.
 */
export const RAMP_ERROR_CODES = {
  validation: 'DEVELOPER_7001',
  malformedBody: 'DEVELOPER_7002',
  notFound: 'DEVELOPER_7004',
  insufficientScope: 'DEVELOPER_7100',
  invalidToken: 'DEVELOPER_7101',
  rateLimited: 'DEVELOPER_7429',
  internal: 'DEVELOPER_7500',
} as const;

export type RampErrorCode = (typeof RAMP_ERROR_CODES)[keyof typeof RAMP_ERROR_CODES];

/** Field name → messages, as Ramp reports validation problems. */
export type FieldErrors = Record<string, string[]>;

export interface RampErrorBody {
  error_v2: { error_code: string; message: string; additional_info: FieldErrors | null; notes: string };
  error: FieldErrors | { message: string };
}

export function rampErrorBody(code: RampErrorCode, message: string, fields?: FieldErrors): RampErrorBody {
  return {
    error_v2: { error_code: code, message, additional_info: fields ?? null, notes: '' },
    error: fields ?? { message },
  };
}

/** Thrown by handlers and checks; the server turns it into a response in Ramp's shape. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem' as const;

  constructor(
    readonly status: number,
    readonly code: RampErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static validation(fields: FieldErrors): ApiProblem {
    return new ApiProblem(422, RAMP_ERROR_CODES.validation, 'Invalid request parameters.', fields);
  }

  static notFound(what: string, id: string): ApiProblem {
    return new ApiProblem(404, RAMP_ERROR_CODES.notFound, `${what} ${id} not found.`);
  }
}
