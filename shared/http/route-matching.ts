import type { HttpMethod, RouteDefinition } from './route-definition.ts';

export type RouteMatch =
  | { readonly kind: 'matched'; readonly route: RouteDefinition; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** Literal segments win over parameters, as in API Gateway. */
  readonly specificity: number;
}

const PARAM_SEGMENT = /^\{([A-Za-z0-9_]+)(\+?)\}$/;

function compile(route: RouteDefinition): CompiledRoute {
  const paramNames: string[] = [];
  let specificity = 0;
  const segments = route.path
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = PARAM_SEGMENT.exec(segment);
      if (!param) {
        specificity += 2;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      paramNames.push(param[1] as string);
      specificity += param[2] ? 0 : 1;
      return param[2] ? '(.+)' : '([^/]+)';
    });
  return { route, pattern: new RegExp(`^/${segments.join('/')}$`), paramNames, specificity };
}

/**
 * Matches a request path against route templates the way API Gateway does:
 * `{name}` takes one segment, `{name+}` the rest, and literal segments beat
 * parameters. Distinguishes "no such path" (404) from "path exists, other
 * methods only" (405 with Allow).
 */
export function createRouteMatcher(routes: readonly RouteDefinition[]): (method: string, path: string) => RouteMatch {
  const compiled = routes.map(compile).sort((a, b) => b.specificity - a.specificity);

  return (method, path) => {
    const allow = new Set<HttpMethod>();
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      if (candidate.route.method !== method) {
        allow.add(candidate.route.method);
        continue;
      }
      const params = decodeParams(candidate.paramNames, found.slice(1));
      if (!params) return { kind: 'not-found' };
      return { kind: 'matched', route: candidate.route, params };
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}

function decodeParams(names: readonly string[], values: readonly (string | undefined)[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    names.forEach((name, index) => {
      params[name] = decodeURIComponent(values[index] ?? '');
    });
  } catch {
    return undefined; // a malformed percent-escape cannot name any resource
  }
  return params;
}
