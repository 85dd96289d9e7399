import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { JwksStore } from '../../shared/auth/jwks-store.ts';
import { createRotationHandler, type RotatableSecret } from '../../shared/auth/key-rotation.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { secretsManager as secretsManagerClient } from '../../shared/clients/secrets-manager.ts';
import { readEnv } from '../../shared/config/env.ts';
import { logger } from '../../shared/logging.ts';

const env = readEnv({ TABLE_NAME: z.string().min(1) });
const client = secretsManagerClient();
const jwks = new JwksStore(dynamo(), env.TABLE_NAME);

function secretsManager(secretId: string): RotatableSecret {
  return {
    read: async (stage, versionId) => {
      try {
        const value = await client.send(
          new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, ...(versionId ? { VersionId: versionId } : {}) }),
        );
        return value.SecretString;
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    writePending: async (versionId, value) => {
      await client.send(
        new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString: value, VersionStages: ['AWSPENDING'] }),
      );
    },
    promote: async (versionId) => {
      const description = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
      const current = Object.entries(description.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
      if (current === versionId) return;
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: secretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: versionId,
          ...(current ? { RemoveFromVersionId: current } : {}),
        }),
      );
    },
  };
}

/** Rotates the access-token signing keys and the token secret (Secrets Manager rotation function). */
export const handler = createRotationHandler(secretsManager, (keys) => jwks.publish(keys), (step) => logger.info('rotation step', { step }));
