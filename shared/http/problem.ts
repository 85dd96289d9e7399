import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  InvalidLinkError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
  TooLargeError,
  UnauthenticatedError,
  type FieldProblem,
} from '../errors/domain-errors.ts';
import { PROBLEM_CONTENT_TYPE } from './route-definition.ts';

/** RFC 9457 problem details, plus Kindred's stable `code` and field `errors`. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance: string;
  readonly errors?: readonly FieldProblem[];
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const INTERNAL_ERROR_DETAIL = 'Something went wrong on our side. It has been logged; please try again later.';

/** Error raised by the HTTP plumbing itself (bad JSON, wrong media type, ...). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly options: { errors?: readonly FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

/** AWS SDK error names that mean "the dependency is overloaded or down", not "your input is wrong". */
const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
]);

export function problemTypeFor(code: string): string {
  return `urn:kindred:problem:${code}`;
}

interface Mapped {
  status: number;
  code: string;
  detail: string;
  errors?: readonly FieldProblem[];
  headers?: Record<string, string>;
}

function mapError(error: unknown): Mapped {
  if (error instanceof HttpProblem) {
    return { status: error.status, code: error.code, detail: error.detail, ...error.options };
  }
  if (error instanceof DomainError) return mapDomainError(error);
  if (isRetryableAwsError(error)) {
    return { status: 503, code: 'service_unavailable', detail: 'A dependency is temporarily unavailable. Please retry.', headers: { 'retry-after': '5' } };
  }
  return { status: 500, code: 'internal_error', detail: INTERNAL_ERROR_DETAIL };
}

function mapDomainError(error: DomainError): Mapped {
  const base = { code: error.code, detail: error.message };
  if (error instanceof InvalidInputError) return { ...base, status: 422, errors: error.problems };
  if (error instanceof InvalidLinkError || error instanceof InvalidRequestError) return { ...base, status: 400 };
  if (error instanceof UnauthenticatedError) return { ...base, status: 401, headers: { 'www-authenticate': 'Bearer' } };
  if (error instanceof ForbiddenError) return { ...base, status: 403 };
  if (error instanceof NotFoundError) return { ...base, status: 404 };
  if (error instanceof ConflictError) return { ...base, status: 409 };
  if (error instanceof TooLargeError) return { ...base, status: 413 };
  if (error instanceof RateLimitedError) {
    return { ...base, status: 429, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (error instanceof DependencyUnavailableError) {
    return {
      status: 503,
      code: error.code,
      detail: 'A dependency is temporarily unavailable. Please retry.',
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  return { status: 500, code: 'internal_error', detail: INTERNAL_ERROR_DETAIL };
}

function isRetryableAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return (
    RETRYABLE_AWS_ERRORS.has(error.name) ||
    (typeof code === 'string' && RETRYABLE_AWS_ERRORS.has(code)) ||
    (metadata?.httpStatusCode !== undefined && metadata.httpStatusCode >= 500)
  );
}

function documentFrom(mapped: Mapped, instance: string): ProblemDocument {
  return {
    type: problemTypeFor(mapped.code),
    title: TITLES[mapped.status] ?? 'Error',
    status: mapped.status,
    detail: mapped.detail,
    code: mapped.code,
    instance,
    ...(mapped.errors && mapped.errors.length > 0 ? { errors: mapped.errors } : {}),
  };
}

export function toProblemDocument(error: unknown, instance: string): ProblemDocument {
  return documentFrom(mapError(error), instance);
}

/** The one place that turns any error into an `application/problem+json` response. */
export function toProblemResponse(error: unknown, instance: string): APIGatewayProxyStructuredResultV2 {
  const mapped = mapError(error);
  return {
    statusCode: mapped.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...mapped.headers },
    body: JSON.stringify(documentFrom(mapped, instance)),
  };
}
