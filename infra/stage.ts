import type { Node } from 'constructs';

/** Deployment settings read from CDK context (`-c key=value` or cdk.json). */
export interface StageSettings {
  readonly stage: string;
  /** prod retains stateful resources on stack deletion and turns on deletion protection. */
  readonly isProduction: boolean;
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
 * `retain=true` keeps a stage's data like prod's.
 */
export function stageSettingsFrom(value: (key: string) => string | undefined): StageSettings {
  const stage = value('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Context "stage" must be lowercase letters, digits or dashes; got "${stage}".`);
  const mailFrom = value('mailFrom') ?? 'no-reply@example.com';
  return {
    stage,
    isProduction: stage === 'prod' || value('retain') === 'true',
    corsAllowOrigins: (value('corsAllowOrigins') ?? '*').split(',').map((origin) => origin.trim()),
    sesIdentity: value('sesIdentity') ?? mailFrom.split('@')[1] ?? mailFrom,
    mailFrom,
    appUrl: value('appUrl'),
    alarmEmail: value('alarmEmail'),
    throttleRateLimit: Number(value('throttleRateLimit') ?? 100),
    throttleBurstLimit: Number(value('throttleBurstLimit') ?? 200),
  };
}
