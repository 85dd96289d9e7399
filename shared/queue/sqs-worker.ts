import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../logging.ts';
import { publishMetrics } from '../metrics.ts';

/** A message whose body can never be processed; retrying it is pointless, so it goes to the DLQ. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export type SqsWorker = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface MessageContext {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly record: SQSRecord;
}

/**
 * The one stack behind every queue worker. Each record's JSON body is
 * validated against the message schema and handled on its own: a record
 * that throws is reported in `batchItemFailures` and only it is retried,
 * while its batch-mates are deleted from the queue.
 */
export function createSqsWorker<Schema extends z.ZodType>(
  schema: Schema,
  handleMessage: (message: z.output<Schema>, context: MessageContext) => Promise<void>,
  options: {
    /** False handles a batch's records one after another: for work whose memory must not add up (images). */
    readonly inParallel?: boolean;
  } = {},
): SqsWorker {
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const context = {
      messageId: record.messageId,
      receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
      record,
    };
    const message = parseMessage(schema, record);
    try {
      await handleMessage(message, context);
    } catch (error) {
      logger.warn('message failed; it will be retried', {
        messageId: record.messageId,
        receiveCount: context.receiveCount,
        error: error as Error,
      });
      throw error;
    }
  };

  return async (event, context) => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, handleRecord, processor, { context, processInParallel: options.inParallel ?? true });
    } finally {
      publishMetrics();
    }
  };
}

function parseMessage<Schema extends z.ZodType>(schema: Schema, record: SQSRecord): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    logger.error('poison message: body is not JSON', { messageId: record.messageId });
    throw new PoisonMessageError('Message body is not JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    logger.error('poison message: body does not match the schema', {
      messageId: record.messageId,
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
    throw new PoisonMessageError('Message body does not match the schema.');
  }
  return result.data;
}
