import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, verifyPassword } from '../../shared/auth/passwords.ts';

describe('password hashing', () => {
  it('stores argon2id PHC strings at OWASP parameters', async () => {
    const phc = await hashPassword('correct horse battery staple');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(phc, 'correct horse battery staple')).resolves.toEqual({ valid: true, needsRehash: false });
    await expect(verifyPassword(phc, 'Correct horse battery staple')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('asks for a rehash when a correct password was hashed with weaker parameters', async () => {
    const weak = await hash('correct horse battery staple', { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await expect(verifyPassword(weak, 'correct horse battery staple')).resolves.toEqual({ valid: true, needsRehash: true });
    await expect(verifyPassword(weak, 'wrong')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('never authenticates against a malformed stored hash', async () => {
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('recognizes common passwords whatever their case', () => {
    for (const common of ['password', 'Password', '12345678', 'qwertyuiop', 'iloveyou']) expect(isCommonPassword(common), common).toBe(true);
    expect(isCommonPassword('analytical engine 1843')).toBe(false);
  });
});
