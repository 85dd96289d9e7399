import fc from 'fast-check';
import type { RouteDefinition } from '../../shared/http/route-definition.ts';

/** Strings that have broken parsers, loggers and databases before. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202Eevil\u202C',
    '\uD800',
    '\uDFFF\uD800',
    '\u00e9\u0301',
    'ﬀ@ＥＸＡＭＰＬＥ.com',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '../../../../etc/passwd',
    '%00',
    'null',
    'undefined',
    '__proto__',
    'constructor',
  ),
  fc.nat({ max: 70_000 }).map((length) => 'x'.repeat(length)),
);

const edgeNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 0.1, 10 * 1024 * 1024, 10 * 1024 * 1024 + 1),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    edgeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A plausible body for the route: its own field names with hostile values, plus unknown fields. */
function bodyLike(route: RouteDefinition): fc.Arbitrary<unknown> {
  const shape = (route.request?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  const fields = shape ? Object.keys(shape) : [];
  if (fields.length === 0) return hostileValue;
  return fc.record(Object.fromEntries(fields.map((field) => [field, fc.oneof(hostileString, edgeNumber, hostileValue)])), { requiredKeys: [] });
}

export interface HostileRequest {
  readonly path: string;
  readonly query: string;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array | undefined;
}

const deepNesting = fc.nat({ max: 3 }).map((kind) => {
  const depth = 1000 + kind * 5000;
  return kind % 2 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
});

const rawBody = fc.oneof(
  deepNesting,
  fc.constantFrom('{"email":"a@b.c","email":"x@y.z"}', '{', '[]', '""', 'null', '{"a":1}garbage', '\u0000', '{"__proto__":{"admin":true}}'),
  fc.uint8Array({ maxLength: 64 }),
  fc.constant(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), // {"a":"\xC3("} invalid UTF-8
);

/** Hostile requests for one route: fuzzed path parameters, query, content type and body. */
export function hostileRequests(route: RouteDefinition): fc.Arbitrary<HostileRequest> {
  const path = route.path.includes('{')
    ? fc
        .oneof(hostileString, fc.uuid())
        .map((value) => route.path.replace(/\{[^}]+\}/g, encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).slice(0, 200) || 'x'))
    : fc.constant(route.path);
  // Request lines stay under API Gateway's limits (a longer one never reaches a handler).
  const shortString = hostileString.map((value) => value.slice(0, 500));
  const query = fc.oneof(
    fc.constant(''),
    fc.dictionary(shortString, shortString, { maxKeys: 3 }).map((entries) => new URLSearchParams(entries as Record<string, string>).toString()),
    fc.constantFrom('limit=0', 'limit=101', 'limit=-1', 'limit=1e3', 'cursor=abc', 'role=owner', 'scope=everything', 'a=1&a=2', '%', '%zz'),
  );
  const body = fc.oneof(
    bodyLike(route).map((value) => JSON.stringify(value) ?? 'null'),
    hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
    rawBody,
    fc.constant(undefined),
  );
  const contentType = fc.oneof(
    { weight: 4, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/json; charset=latin1', 'multipart/form-data', 'application/problem+json') },
  );
  return fc.record({ path, query, contentType, body });
}
