/**
 * HTTP through the local twin (node:http in front of the same handlers),
 * driven by autocannon at 1 and 50 connections. The twin is one Node process
 * playing every Lambda at once, so these figures say what one process
 * sustains, not what API Gateway and Lambda's scaling would.
 */
import autocannon from 'autocannon';
import { round, type Figure } from './measure.ts';

const SECONDS = 8;

export async function measureHttp(baseUrl: string, accessToken: string): Promise<Figure[]> {
  const section = 'HTTP through the twin (autocannon)';
  const figures: Figure[] = [];
  const targets: { label: string; path: string; headers: Record<string, string> }[] = [
    { label: 'GET /health', path: '/health', headers: {} },
    { label: 'GET /api/v1/me (JWT + session check + read)', path: '/api/v1/me', headers: { authorization: `Bearer ${accessToken}` } },
  ];
  for (const target of targets) {
    for (const connections of [1, 50]) {
      const result = await autocannon({ url: `${baseUrl}${target.path}`, connections, duration: SECONDS, headers: target.headers });
      const failures = result.errors + result.timeouts + result.non2xx;
      figures.push({
        section,
        name: `${target.label}, ${connections} connection${connections > 1 ? 's' : ''}`,
        value: round(result.requests.average),
        unit: 'req/s',
        note: `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${result.requests.total} requests, ${failures} failed`,
      });
    }
  }
  return figures;
}
