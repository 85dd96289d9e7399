import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.ts';

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super('DynamoDB Local needs Java 17 or newer: install it (for example `apt-get install -y default-jre-headless`) and try again.');
  }
}

export interface RunningDynamoDb {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Amazon's DynamoDB Local, as shipped inside the amplify-dynamodb-simulator package. */
function emulatorDirectory(): string {
  const packageJson = createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json');
  return join(dirname(packageJson), 'emulator');
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version !== undefined && Number(version) < 17 && Number(version) !== 1) throw new JavaMissingError();
}

/**
 * Starts DynamoDB Local on the given port. With `dataDirectory` the data
 * survives restarts; without it the database lives in memory.
 */
export async function startDynamoDbLocal(options: { port: number; dataDirectory?: string }): Promise<RunningDynamoDb> {
  assertJavaAvailable();
  const directory = emulatorDirectory();
  const storage = options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory'];
  if (options.dataDirectory && !existsSync(options.dataDirectory)) mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  const child = spawn(
    'java',
    [
      '-Xmx512m',
      `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(directory, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      // It cannot be bound to loopback and takes any credentials: at least send nothing home, and
      // answer no browser, so a web page open on this machine cannot read or write the tables.
      '-disableTelemetry',
      '-cors',
      'http://no-browser.invalid',
      '-port',
      String(options.port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Never outlive the process that started it, even when that process exits without cleaning up.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilReady(endpoint, child, () => output);
  return {
    endpoint,
    stop: () => stopChild(child),
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + 20_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not become ready within 20 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
