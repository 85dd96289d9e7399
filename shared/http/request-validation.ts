import type { z } from 'zod';
import type { FieldProblem } from '../errors/domain-errors.ts';
import { HttpProblem } from './problem.ts';
import type { RouteDefinition } from './route-definition.ts';

export interface ValidatedInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

type Part = 'params' | 'query' | 'body';

/**
 * Validates path parameters, query and body against the route's zod schemas,
 * gathering every problem into one 400 so a client can fix all fields at once.
 * Query parameters a route does not declare are rejected, like unknown fields.
 */
export function validateRequest(
  route: RouteDefinition,
  raw: { params: Record<string, string>; query: Record<string, string>; body: unknown },
): ValidatedInput {
  const problems: FieldProblem[] = [];
  const parse = (part: Part, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) {
      if (part === 'query') {
        for (const name of Object.keys(raw.query)) problems.push({ field: `query.${name}`, message: 'Unknown query parameter.' });
      }
      return undefined;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      problems.push({ field: [part, ...issue.path.map(String)].join('.'), message: issue.message });
    }
    return undefined;
  };

  const input = {
    params: parse('params', route.request?.params, raw.params),
    query: parse('query', route.request?.query, raw.query),
    body: parse('body', route.request?.body, raw.body),
  };
  if (problems.length > 0) {
    throw new HttpProblem(400, 'validation_failed', 'The request is not valid. See `errors` for each problem.', {
      errors: problems.slice(0, 50),
    });
  }
  return input;
}
