import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { LOCAL_REGION } from './local-aws.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface Invocation {
  readonly records: readonly SQSRecord[];
  readonly failedMessageIds: readonly string[];
  readonly error?: string;
}

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly functionName: string;
  readonly timeoutSeconds: number;
  readonly loadHandler: () => Promise<SqsHandler>;
  /** How long one receive call waits for messages; keep it below the visibility timeout. */
  readonly waitTimeSeconds?: number;
  readonly historyLimit?: number;
  readonly onError?: (error: Error) => void;
}

export interface RunningPoller {
  /** Recent invocations, newest last: what the worker received and what it reported. */
  readonly history: readonly Invocation[];
  stop(): Promise<void>;
}

/**
 * Plays the part of the Lambda SQS event source mapping: receives batches,
 * invokes the worker with an SQS event, deletes the records the worker did not
 * report in `batchItemFailures`, and leaves the rest to reappear after the
 * visibility timeout. The queue's redrive policy moves a record to its DLQ
 * after maxReceiveCount receives, exactly as in AWS.
 */
export function startEventSourcePoller(options: PollerOptions): RunningPoller {
  const history: Invocation[] = [];
  const limit = options.historyLimit ?? 200;
  let running = true;
  let abort = new AbortController();

  const record = (invocation: Invocation): void => {
    history.push(invocation);
    if (history.length > limit) history.shift();
  };

  const loop = async (): Promise<void> => {
    const handler = await options.loadHandler();
    while (running) {
      let messages: Message[];
      try {
        const received = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: options.waitTimeSeconds ?? 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = distinctMessages(received.Messages ?? []);
      } catch (error) {
        if (!running) return;
        options.onError?.(error as Error);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (messages.length === 0) continue;
      await invoke(handler, messages);
    }
  };

  const invoke = async (handler: SqsHandler, messages: Message[]): Promise<void> => {
    const records = messages.map((message) => toRecord(message, options.queueArn));
    let failed: string[];
    let error: string | undefined;
    try {
      const response = await handler({ Records: records }, lambdaContext(options.functionName, options.timeoutSeconds));
      failed = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
    } catch (thrown) {
      // A worker that throws fails the whole batch: every record returns after the visibility timeout.
      failed = records.map((item) => item.messageId);
      error = (thrown as Error).message;
    }
    record({ records, failedMessageIds: failed, ...(error ? { error } : {}) });
    const succeeded = messages.filter((message) => !failed.includes(message.MessageId!));
    if (succeeded.length === 0) return;
    try {
      await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    } catch (deleteError) {
      options.onError?.(deleteError as Error);
    }
  };

  const done = loop().catch((error: Error) => options.onError?.(error));
  return {
    history,
    stop: async () => {
      running = false;
      abort.abort();
      abort = new AbortController();
      await done;
    },
  };
}

/** Lambda never hands one message twice in a batch; the emulator occasionally does, so drop repeats. */
function distinctMessages(messages: Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((message) => !seen.has(message.MessageId!) && seen.add(message.MessageId!));
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'LOCAL',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { dataType: value.DataType ?? 'String', ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}) },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}

/** A Lambda context good enough for Powertools: names, a request id and the time budget. */
export function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
