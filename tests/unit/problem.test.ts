import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
} from '../../shared/errors/domain-errors.ts';
import { HttpProblem, INTERNAL_ERROR_DETAIL, toProblemResponse } from '../../shared/http/problem.ts';

const respond = (error: unknown) => {
  const response = toProblemResponse(error, 'req-1');
  return { status: response.statusCode, headers: response.headers ?? {}, body: JSON.parse(response.body as string) };
};

describe('problem responses', () => {
  it.each([
    [new InvalidInputError('weak_password', 'Too common.', [{ field: 'body.password', message: 'Too common.' }]), 422, 'weak_password'],
    [new UnauthenticatedError(), 401, 'unauthenticated'],
    [new ForbiddenError('admin_required', 'Admins only.'), 403, 'admin_required'],
    [new NotFoundError(), 404, 'not_found'],
    [new ConflictError('last_admin', 'You are the last admin.'), 409, 'last_admin'],
    [new RateLimitedError(30), 429, 'rate_limited'],
    [new DependencyUnavailableError('dynamodb', 7), 503, 'service_unavailable'],
    [new HttpProblem(415, 'unsupported_media_type', 'JSON only.'), 415, 'unsupported_media_type'],
  ])('maps %s to its status and stable code', (error, status, code) => {
    const { status: actual, headers, body } = respond(error);
    expect(actual).toBe(status);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(body).toMatchObject({ status, code, type: `urn:kindred:problem:${code}`, instance: 'req-1' });
    expect(typeof body.title).toBe('string');
  });

  it('carries Retry-After for rate limits and unavailable dependencies', () => {
    expect(respond(new RateLimitedError(30)).headers['retry-after']).toBe('30');
    expect(respond(new DependencyUnavailableError('sqs', 7)).headers['retry-after']).toBe('7');
  });

  it('lists field problems under errors', () => {
    const { body } = respond(new InvalidInputError('invalid', 'Bad.', [{ field: 'body.name', message: 'Too long.' }]));
    expect(body.errors).toEqual([{ field: 'body.name', message: 'Too long.' }]);
  });

  it('turns AWS throttling into 503 with Retry-After, not 500', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
    const { status, headers } = respond(throttled);
    expect(status).toBe(503);
    expect(headers['retry-after']).toBeDefined();
  });

  it('answers anything unexpected with a fixed 500 that reveals nothing', () => {
    const secret = new TypeError("Cannot read properties of undefined (reading 'pk') at /var/task/index.mjs:1:2345");
    const { status, body } = respond(secret);
    expect(status).toBe(500);
    expect(body.detail).toBe(INTERNAL_ERROR_DETAIL);
    expect(JSON.stringify(body)).not.toMatch(/pk|var\/task|TypeError/);
  });
});
