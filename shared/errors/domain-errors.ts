/**
 * Errors raised by domain services. They describe what went wrong in the
 * product's own terms and know nothing of HTTP; shared/http/problem.ts maps
 * them to responses.
 */
export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. `body.email`. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  /** Stable, machine-readable code that clients may switch on. */
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly code = 'not_found',
    message = 'The resource does not exist.',
  ) {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  constructor(
    readonly code = 'unauthenticated',
    message = 'Valid credentials are required.',
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly code = 'forbidden',
    message = 'You are not allowed to do this.',
  ) {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests. Try again later.',
  ) {
    super(message);
  }
}

/** A dependency (database, queue, key store) could not be reached; the caller may retry. */
export class DependencyUnavailableError extends DomainError {
  override readonly name = 'DependencyUnavailableError';
  readonly code = 'service_unavailable';
  constructor(
    readonly dependency: string,
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(`Dependency ${dependency} is unavailable.`, options);
  }
}
