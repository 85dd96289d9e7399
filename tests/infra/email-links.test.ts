import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { synthesize } from '../support/synth.ts';

const emailWorker = { Handler: 'index.handler', Description: Match.stringLikeRegexp('emails') };

describe('where email links lead, as deployed', () => {
  it('to the API\u2019s own pages by default', () => {
    const { api } = synthesize();
    api.hasResourceProperties('AWS::Lambda::Function', {
      ...emailWorker,
      Environment: { Variables: Match.objectLike({ API_URL: Match.anyValue(), APP_URL: Match.absent() }) },
    });
  });

  it('to the app\u2019s routes with -c appUrl, the API still named for the app to call', () => {
    const { api } = synthesize({ appUrl: 'https://app.example.com' });
    api.hasResourceProperties('AWS::Lambda::Function', {
      ...emailWorker,
      Environment: { Variables: Match.objectLike({ API_URL: Match.anyValue(), APP_URL: 'https://app.example.com' }) },
    });
  });
});
