import * as z from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once against a zod shape and fails fast, naming every
 * missing or malformed variable. Call it at module scope (cold start) so a
 * misconfigured function fails on its first invocation, not halfway through one.
 */
export function readEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return env[name] === undefined
        ? `missing environment variable ${name}`
        : `environment variable ${name} is invalid: ${issue.message}`;
    });
    throw new ConfigError(`Configuration error: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Lazily evaluated, memoised config: parsed on first use, then reused for the life of the process. */
export function lazyEnv<Shape extends z.ZodRawShape>(shape: Shape): () => z.infer<z.ZodObject<Shape>> {
  let cached: z.infer<z.ZodObject<Shape>> | undefined;
  return () => (cached ??= readEnv(shape));
}
