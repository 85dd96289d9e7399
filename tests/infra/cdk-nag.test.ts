import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { ACCEPTED_FINDINGS, synthWithNagChecks } from '../../infra/nag-acknowledgments.ts';
import { cdkJsonContext } from '../support/synth.ts';

const quietApp = (context: Record<string, string> = {}) => new App({ context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } });
/** With the delivery pipeline too, so its findings (and their acknowledgments) are checked as well. */
const PIPELINE_CONTEXT = { repository: 'kindred-team/kindred', connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/abc' };

describe('cdk-nag AwsSolutions checks', () => {
  it('leave no unacknowledged finding, and every acknowledgment carries a reason that is still needed', () => {
    const app = quietApp(PIPELINE_CONTEXT);
    buildApp(app);
    const { acknowledged } = synthWithNagChecks(app); // throws on any other finding
    for (const finding of ACCEPTED_FINDINGS) {
      expect(finding.reason.length, String(finding.pattern)).toBeGreaterThan(20);
      expect(acknowledged.some((id) => finding.pattern.test(id)), `${finding.pattern} acknowledges nothing`).toBe(true);
    }
  });

  it('fail the synth on a finding nobody accepted', () => {
    const app = quietApp();
    buildApp(app);
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket'); // no TLS enforcement, no access logs
    expect(() => synthWithNagChecks(app)).toThrowError(/AwsSolutions-S10|AwsSolutions-S1/);
  });
});
