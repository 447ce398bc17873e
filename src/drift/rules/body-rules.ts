/** Request bodies, responses, status codes, media types and response headers. */
import { defineRule, type Rule } from './define';

const isSuccess = (status: string): boolean => /^2/.test(status);

export const REQUEST_BODY_RULES: readonly Rule[] = [
  defineRule('request-body', {
    id: 'request-body-added-required',
    level: 'error',
    direction: 'request',
    description: 'a required request body was added',
    detect: (c) =>
      c.kind === 'added' && c.requiredAfter === true
        ? { message: `${c.operation} now requires a request body`, args: {} }
        : null,
  }),
  defineRule('request-body', {
    id: 'request-body-added-optional',
    level: 'info',
    direction: 'request',
    description: 'an optional request body was added',
    detect: (c) =>
      c.kind === 'added' && c.requiredAfter !== true
        ? { message: `${c.operation} now accepts an optional request body`, args: {} }
        : null,
  }),
  defineRule('request-body', {
    id: 'request-body-removed',
    level: 'error',
    direction: 'request',
    description: 'the request body was removed',
    detect: (c) =>
      c.kind === 'removed' ? { message: `the request body of ${c.operation} was removed`, args: {} } : null,
  }),
  defineRule('request-body', {
    id: 'request-body-became-required',
    level: 'error',
    direction: 'request',
    description: 'an optional request body became required',
    detect: (c) =>
      c.kind === 'changed' && c.requiredAfter === true
        ? { message: `the request body of ${c.operation} became required`, args: {} }
        : null,
  }),
  defineRule('request-body', {
    id: 'request-body-became-optional',
    level: 'info',
    direction: 'request',
    description: 'a required request body became optional',
    detect: (c) =>
      c.kind === 'changed' && c.requiredAfter === false
        ? { message: `the request body of ${c.operation} became optional`, args: {} }
        : null,
  }),
  defineRule('media-type', {
    id: 'request-body-media-type-added',
    level: 'info',
    direction: 'request',
    description: 'the request body accepts a new media type',
    detect: (c) =>
      c.direction === 'request' && c.kind === 'added'
        ? { message: `the request body now accepts ${c.mediaType}`, args: { mediaType: c.mediaType } }
        : null,
  }),
  defineRule('media-type', {
    id: 'request-body-media-type-removed',
    level: 'error',
    direction: 'request',
    description: 'the request body no longer accepts a media type',
    detect: (c) =>
      c.direction === 'request' && c.kind === 'removed'
        ? { message: `the request body no longer accepts ${c.mediaType}`, args: { mediaType: c.mediaType } }
        : null,
  }),
  defineRule('media-type-schema', {
    id: 'request-body-media-type-schema-added',
    level: 'error',
    direction: 'request',
    description: 'a request media type without a schema now has one (input is now constrained)',
    detect: (c) =>
      c.direction === 'request' && c.kind === 'added'
        ? { message: `request media type ${c.mediaType} now has a schema`, args: { mediaType: c.mediaType } }
        : null,
  }),
  defineRule('media-type-schema', {
    id: 'request-body-media-type-schema-removed',
    level: 'info',
    direction: 'request',
    description: 'the schema of a request media type was removed',
    detect: (c) =>
      c.direction === 'request' && c.kind === 'removed'
        ? { message: `request media type ${c.mediaType} no longer has a schema`, args: { mediaType: c.mediaType } }
        : null,
  }),
];

export const RESPONSE_RULES: readonly Rule[] = [
  defineRule('response', {
    id: 'response-success-status-removed',
    level: 'error',
    direction: 'response',
    description: 'a success (2xx) response was removed',
    detect: (c) =>
      c.kind === 'removed' && isSuccess(c.status)
        ? { message: `the ${c.status} response of ${c.operation} was removed`, args: { status: c.status } }
        : null,
  }),
  defineRule('response', {
    id: 'response-non-success-status-removed',
    level: 'info',
    direction: 'response',
    description: 'a non-success response was removed',
    detect: (c) =>
      c.kind === 'removed' && !isSuccess(c.status)
        ? { message: `the ${c.status} response of ${c.operation} was removed`, args: { status: c.status } }
        : null,
  }),
  defineRule('response', {
    id: 'response-success-status-added',
    level: 'info',
    direction: 'response',
    description: 'a success (2xx) response was added',
    detect: (c) =>
      c.kind === 'added' && isSuccess(c.status)
        ? { message: `${c.operation} gained a ${c.status} response`, args: { status: c.status } }
        : null,
  }),
  defineRule('response', {
    id: 'response-non-success-status-added',
    level: 'info',
    direction: 'response',
    description: 'a non-success response was added',
    detect: (c) =>
      c.kind === 'added' && !isSuccess(c.status)
        ? { message: `${c.operation} gained a ${c.status} response`, args: { status: c.status } }
        : null,
  }),
  defineRule('media-type', {
    id: 'response-media-type-added',
    level: 'info',
    direction: 'response',
    description: 'a response gained a media type',
    detect: (c) =>
      c.direction === 'response' && c.kind === 'added'
        ? {
            message: `the ${c.location.status ?? ''} response gained ${c.mediaType}`,
            args: { mediaType: c.mediaType, status: c.location.status },
          }
        : null,
  }),
  defineRule('media-type', {
    id: 'response-media-type-removed',
    level: 'error',
    direction: 'response',
    description: 'a response media type was removed',
    detect: (c) =>
      c.direction === 'response' && c.kind === 'removed'
        ? {
            message: `the ${c.location.status ?? ''} response no longer offers ${c.mediaType}`,
            args: { mediaType: c.mediaType, status: c.location.status },
          }
        : null,
  }),
  defineRule('media-type-schema', {
    id: 'response-body-media-type-schema-added',
    level: 'info',
    direction: 'response',
    description: 'a response media type without a schema now has one',
    detect: (c) =>
      c.direction === 'response' && c.kind === 'added'
        ? { message: `response media type ${c.mediaType} now has a schema`, args: { mediaType: c.mediaType } }
        : null,
  }),
  defineRule('media-type-schema', {
    id: 'response-body-media-type-schema-removed',
    level: 'warning',
    direction: 'response',
    description: 'the schema of a response media type was removed (no output guarantee any more)',
    detect: (c) =>
      c.direction === 'response' && c.kind === 'removed'
        ? { message: `response media type ${c.mediaType} no longer has a schema`, args: { mediaType: c.mediaType } }
        : null,
  }),
  defineRule('response-header', {
    id: 'required-response-header-removed',
    level: 'error',
    direction: 'response',
    description: 'a required response header was removed',
    detect: (c) =>
      c.kind === 'removed' && c.requiredBefore === true
        ? { message: `required response header '${c.header}' was removed`, args: { header: c.header } }
        : null,
  }),
  defineRule('response-header', {
    id: 'optional-response-header-removed',
    level: 'warning',
    direction: 'response',
    description: 'an optional response header was removed',
    detect: (c) =>
      c.kind === 'removed' && c.requiredBefore !== true
        ? { message: `optional response header '${c.header}' was removed`, args: { header: c.header } }
        : null,
  }),
  defineRule('response-header', {
    id: 'response-header-became-optional',
    level: 'error',
    direction: 'response',
    description: 'a required response header is no longer required',
    detect: (c) =>
      c.kind === 'changed' && c.requiredAfter === false
        ? { message: `response header '${c.header}' is no longer required`, args: { header: c.header } }
        : null,
  }),
  defineRule('response-header', {
    id: 'response-header-added',
    level: 'info',
    direction: 'response',
    description: 'a response header was added',
    detect: (c) =>
      c.kind === 'added' ? { message: `response header '${c.header}' was added`, args: { header: c.header } } : null,
  }),
];
