import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of an emulator that answers chosen requests with the
 * error the real service would send (S3's SlowDown, DynamoDB's throttling)
 * and forwards everything else untouched, Host header included, so request
 * signatures stay valid. The SDK under test parses a real error response,
 * retries as it would in AWS, and the code above it sees what it would see.
 */
export interface InjectedFault {
  /** Which requests fail. */
  readonly when: (request: SeenRequest) => boolean;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
  /** How many matching requests fail; every one if unset. */
  readonly times?: number;
}

export interface SeenRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface FaultProxy {
  readonly url: string;
  /** Starts failing matching requests; returns a counter of the failures answered. */
  inject(fault: InjectedFault): { readonly failed: () => number };
  /** Every request passes again. */
  heal(): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let faults: { fault: InjectedFault; failed: number }[] = [];

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const seen: SeenRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body: Buffer.concat(chunks) };
      const active = faults.find(({ fault, failed }) => (fault.times === undefined || failed < fault.times) && fault.when(seen));
      if (active) {
        active.failed += 1;
        outgoing.writeHead(active.fault.status, { 'content-length': Buffer.byteLength(active.fault.body), ...active.fault.headers });
        outgoing.end(active.fault.body);
        return;
      }
      const forwarded = request(
        { host: target.hostname, port: target.port, method: seen.method, path: seen.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(seen.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inject(fault) {
      const entry = { fault, failed: 0 };
      faults.push(entry);
      return { failed: () => entry.failed };
    },
    heal() {
      faults = [];
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** S3's answer when asked to slow down: a 503 the SDK retries and then gives up on. */
export const s3SlowDown = (when: InjectedFault['when'], times?: number): InjectedFault => ({
  when,
  status: 503,
  headers: { 'content-type': 'application/xml' },
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
  ...(times !== undefined ? { times } : {}),
});

/** DynamoDB's answer when a partition is over its throughput. */
export const dynamoThrottled = (when: InjectedFault['when'] = () => true, times?: number): InjectedFault => ({
  when,
  status: 400,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message: 'The level of configured provisioned throughput for the table was exceeded.',
  }),
  ...(times !== undefined ? { times } : {}),
});

/** The DynamoDB operation a request calls (its X-Amz-Target), e.g. 'PutItem'. */
export const dynamoOperation = (request: SeenRequest): string => String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
