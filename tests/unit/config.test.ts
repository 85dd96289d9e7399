import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConfigError, readEnv } from '../../shared/config/env.ts';

describe('configuration', () => {
  const shape = { TABLE_NAME: z.string().min(1), APP_URL: z.url(), RETRIES: z.coerce.number().int().default(3) };

  it('parses and types the environment', () => {
    expect(readEnv(shape, { TABLE_NAME: 't', APP_URL: 'https://app.example.com' })).toEqual({
      TABLE_NAME: 't',
      APP_URL: 'https://app.example.com',
      RETRIES: 3,
    });
  });

  it('fails fast, naming every missing or invalid variable', () => {
    expect(() => readEnv(shape, { APP_URL: 'not a url' })).toThrowError(ConfigError);
    expect(() => readEnv(shape, { APP_URL: 'not a url' })).toThrowError(
      /missing environment variable TABLE_NAME.*environment variable APP_URL is invalid/,
    );
  });
});
