import { describe, expect, it } from 'vitest';
import { routeKeyOf } from '../../shared/http/route-definition.ts';
import { routeTable } from '../../shared/routes/index.ts';
import { synthesize } from '../support/synth.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('parity');
const samplePath = (path: string) => path.replace(/\{(\w+)\+?\}/g, (_match, name: string) => (name === 'asset' ? 'docs-init.js' : 'sample'));

describe('one route table, three consumers', () => {
  it('gives the same route set to the CDK HttpApi, the OpenAPI document and the local server', async () => {
    const cdkRoutes = Object.values(synthesize().api.findResources('AWS::ApiGatewayV2::Route'))
      .map((route) => route.Properties.RouteKey as string)
      .filter((key) => key !== '$default');

    const document = (await (await fetch(`${twin().url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const openApiRoutes = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

    const localRoutes: string[] = [];
    for (const key of cdkRoutes) {
      const [method, path] = key.split(' ') as [string, string];
      const response = await fetch(`${twin().url}${samplePath(path)}`, { method });
      const routed = response.status !== 405 && !(response.status === 404 && ((await response.json()) as { code?: string }).code === 'route_not_found');
      if (routed) localRoutes.push(key);
    }

    const table = routeTable.map(routeKeyOf).sort();
    expect(cdkRoutes.sort()).toEqual(table);
    expect(openApiRoutes.sort()).toEqual(table);
    expect(localRoutes.sort()).toEqual(table);
  });
});
