import { describe, expect, it } from 'vitest';
import { TABLE } from '../../infra/resources.ts';
import { synthesize } from '../support/synth.ts';

const SECRETS = ['passwordHash', 'passwordStamp', 'closingSince', 'photoSlots'];

describe('the table\u2019s indexes, decided before the first production deploy', () => {
  it('project only the attributes their readers use, never a secret', () => {
    for (const index of TABLE.globalSecondaryIndexes) {
      expect(index.projection.type, index.indexName).toBe('INCLUDE');
      if (index.projection.type === 'INCLUDE') expect(index.projection.attributes.filter((name) => SECRETS.includes(name)), index.indexName).toEqual([]);
    }
  });

  it('are deployed as declared', () => {
    const { data } = synthesize();
    const table = Object.values(data.findResources('AWS::DynamoDB::GlobalTable'))[0] as { Properties: { GlobalSecondaryIndexes: Array<{ IndexName: string; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }> } };
    const deployed = Object.fromEntries(table.Properties.GlobalSecondaryIndexes.map((index) => [index.IndexName, index.Projection]));
    for (const index of TABLE.globalSecondaryIndexes) {
      expect(deployed[index.indexName]).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.type === 'INCLUDE' ? [...index.projection.attributes] : undefined });
    }
  });
});
