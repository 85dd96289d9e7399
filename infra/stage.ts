import type { Node } from 'constructs';

/** Deployment settings read from CDK context (`-c key=value` or cdk.json). */
export interface StageSettings {
  readonly stage: string;
  /**
   * Keep the data when a stack or resource is deleted: table (with deletion protection), buckets,
   * queues, the key secret and log groups are retained. True unless the deployment is marked
   * `-c disposable=true`, whatever the stage is called: a deployment is thrown away only on purpose.
   */
  readonly retainData: boolean;
  readonly corsAllowOrigins: string[];
  /** Verified SES identity (domain or address) the email worker may send as. */
  readonly sesIdentity: string;
  readonly mailFrom: string;
  /** Where email links point; the API's own pages when unset. */
  readonly appUrl: string | undefined;
  readonly alarmEmail: string | undefined;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
}

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** The settings of `cdk deploy -c stage=... -c mailFrom=...`. */
export function readStageSettings(node: Node): StageSettings {
  return stageSettingsFrom((key) => text(node, key));
}

/**
 * Settings from any source of values by key: CDK context for a stack deployed
 * by hand, or a pipeline stage's own values (see pipeline-stack.ts).
 */
export function stageSettingsFrom(value: (key: string) => string | undefined): StageSettings {
  const stage = value('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Context "stage" must be lowercase letters, digits or dashes; got "${stage}".`);
  const mailFrom = value('mailFrom') ?? 'no-reply@example.com';
  const disposable = value('disposable');
  if (disposable !== undefined && !['true', 'false'].includes(disposable)) {
    throw new Error(`Context "disposable" must be true or false; got "${disposable}". Leave it unset to keep this deployment's data.`);
  }
  const retainData = disposable !== 'true';
  const corsAllowOrigins = (value('corsAllowOrigins') ?? '*').split(',').map((origin) => origin.trim());
  if (retainData && corsAllowOrigins.includes('*')) {
    throw new Error(
      `Stage "${stage}" keeps its data (it is not marked -c disposable=true), so it holds real people's accounts: ` +
        'it may not allow every origin. Name the app origins that may call it, e.g. -c corsAllowOrigins=https://app.example.com, ' +
        'or mark a throwaway deployment -c disposable=true.',
    );
  }
  return {
    stage,
    retainData,
    corsAllowOrigins,
    sesIdentity: value('sesIdentity') ?? mailFrom.split('@')[1] ?? mailFrom,
    mailFrom,
    appUrl: value('appUrl'),
    alarmEmail: value('alarmEmail'),
    throttleRateLimit: Number(value('throttleRateLimit') ?? 100),
    throttleBurstLimit: Number(value('throttleBurstLimit') ?? 200),
  };
}
