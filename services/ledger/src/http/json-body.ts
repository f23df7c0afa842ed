import { errorCodes, type FastifyInstance } from 'fastify';
import { isAuthenticated } from './authenticate-requests.js';
import { MAX_BODY_DEPTH } from './storable-text.js';

/** A body nesting more arrays and objects than any request of the contract does; refused as it arrives. */
export class BodyTooDeepError extends Error {
  override readonly name = 'BodyTooDeepError';
  readonly code = 'REQUEST.TOO_DEEP';
  readonly statusCode = 400;
  constructor(readonly limit: number) {
    super(`the body nests arrays and objects deeper than ${limit} levels`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Follows how deep JSON text nests, chunk by chunk, in one pass over the bytes; answers false
 * once it goes past `limit`. Only brackets outside strings count, and every byte it looks at is
 * ASCII, which never occurs inside a multi-byte UTF-8 sequence, so chunks may split anywhere.
 * Malformed text is left for JSON.parse to refuse.
 */
export const depthGauge = (limit: number) => {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (chunk: Uint8Array): boolean => {
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth += 1;
        if (depth > limit) return false;
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth -= 1;
    }
    return true;
  };
};

/**
 * The JSON body parser for every route, in place of Fastify's (which reads the whole body and
 * then hands it to JSON.parse, however deep): reads no body from a caller that was not
 * authenticated, refuses more than the route's `bodyLimit` (413) and nesting past MAX_BODY_DEPTH
 * (400 `REQUEST.TOO_DEEP`) while the bytes arrive, and only then parses, with `__proto__` and
 * `constructor` keys refused as before. A 5 MB run of `[` is refused at its 33rd byte, and the
 * rest is never buffered. It is the only parser: any other content type is 415.
 */
export const registerJsonBodyParser = (app: FastifyInstance): void => {
  const parse = app.getDefaultJsonParser('error', 'error');
  // Every body of the contract is JSON: Fastify's text/plain parser would hand a route a string,
  // refused only later as a malformed field, where 415 says what is wrong.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', (request, payload, done) => {
    if (!isAuthenticated(request)) {
      // Public routes take no body; one that did would be parsed for anyone.
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
      return;
    }
    const limit = request.routeOptions.bodyLimit;
    const declared = Number(request.headers['content-length']);
    if (declared > limit) {
      done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    const withinDepth = depthGauge(MAX_BODY_DEPTH);
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (error: Error | null, body?: unknown) => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      done(error, body);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) stop(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      else if (!withinDepth(chunk)) stop(new BodyTooDeepError(MAX_BODY_DEPTH));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (!Number.isNaN(declared) && received !== declared) {
        stop(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        return;
      }
      payload.removeListener('data', onData);
      payload.removeListener('error', onError);
      parse(request, Buffer.concat(chunks, received).toString('utf8'), done);
    };
    const onError = (error: Error & { statusCode?: number }) => {
      error.statusCode ??= 400;
      stop(error);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
};
