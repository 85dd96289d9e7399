import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { readFileSync } from 'node:fs';

const EVENTS_DIRECTORY = new URL('../../events/', import.meta.url);

/** A fresh copy of a sample event from events/, safe to modify in a test. */
function loadEvent<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, EVENTS_DIRECTORY), 'utf8')) as T;
}

export const httpEvent = (name: string): APIGatewayProxyEventV2 => loadEvent<APIGatewayProxyEventV2>(`${name}.json`);
export const sqsEvent = (name: string): SQSEvent => loadEvent<SQSEvent>(`${name}.json`);
