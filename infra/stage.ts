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

export function readStageSettings(node: Node): StageSettings {
  const stage = text(node, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Context "stage" must be lowercase letters, digits or dashes; got "${stage}".`);
  const mailFrom = text(node, 'mailFrom') ?? 'no-reply@example.com';
  return {
    stage,
    isProduction: stage === 'prod',
    corsAllowOrigins: (text(node, 'corsAllowOrigins') ?? '*').split(',').map((origin) => origin.trim()),
    sesIdentity: text(node, 'sesIdentity') ?? mailFrom.split('@')[1] ?? mailFrom,
    mailFrom,
    appUrl: text(node, 'appUrl'),
    alarmEmail: text(node, 'alarmEmail'),
    throttleRateLimit: Number(text(node, 'throttleRateLimit') ?? 100),
    throttleBurstLimit: Number(text(node, 'throttleBurstLimit') ?? 200),
  };
}
