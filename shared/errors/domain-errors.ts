/**
 * Errors raised by domain services. They describe what went wrong in the
 * product's own terms and know nothing of HTTP; shared/http/problem.ts maps
 * them to responses.
 */
export interface FieldProblem {
  /** Path of the offending field, e.g. `body.email`. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  constructor(
    /** Stable, machine-readable code that clients may switch on. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(code = 'not_found', message = 'The resource does not exist.') {
    super(code, message);
  }
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
}

/** Well-formed input the domain cannot accept (a breached password, say). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(
    code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(code, message);
  }
}

/** A request that cannot be served as asked (a tampered cursor, an unsupported filter combination). */
export class InvalidRequestError extends DomainError {
  override readonly name = 'InvalidRequestError';
}

/** Something declared too big to accept (an upload over the size limit). */
export class TooLargeError extends DomainError {
  override readonly name = 'TooLargeError';
}

/** An emailed link that is forged, expired, used, superseded or meant for something else. */
export class InvalidLinkError extends DomainError {
  override readonly name = 'InvalidLinkError';
  constructor(message = 'This link is invalid, expired or already used. Request a new one.') {
    super('invalid_link', message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  constructor(code = 'unauthenticated', message = 'Valid credentials are required.') {
    super(code, message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  constructor(code = 'forbidden', message = 'You are not allowed to do this.') {
    super(code, message);
  }
}

export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests. Try again later.',
  ) {
    super('rate_limited', message);
  }
}

/** A dependency (database, queue, key store) could not be reached; the caller may retry. */
export class DependencyUnavailableError extends DomainError {
  override readonly name = 'DependencyUnavailableError';
  constructor(
    readonly dependency: string,
    readonly retryAfterSeconds = 5,
    options?: ErrorOptions,
  ) {
    super('service_unavailable', `Dependency ${dependency} is unavailable.`, options);
  }
}
