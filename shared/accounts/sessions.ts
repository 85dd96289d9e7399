import { randomUUID } from 'node:crypto';
import { mintRefreshToken, readRefreshToken } from '../auth/refresh-tokens.ts';
import { ACCESS_TOKEN_LIFETIME_SECONDS, issueAccessToken } from '../auth/token-issuer.ts';
import { NotFoundError, UnauthenticatedError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { limitRate } from './guards.ts';
import type { Session } from './session-repository.ts';
import type { User } from './user-repository.ts';

export const REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 86_400;
/** Concurrent refreshes with one token within this window all succeed instead of logging the user out. */
export const REFRESH_GRACE_MS = 10_000;

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

const invalidRefreshToken = () => new UnauthenticatedError('invalid_refresh_token', 'The refresh token is invalid, expired or revoked. Log in again.');

async function tokenPair(deps: AccountDeps, user: User, session: Session): Promise<TokenPair> {
  const keys = await deps.keys.current();
  return {
    accessToken: await issueAccessToken(keys, deps.tokens, { userId: user.id, sessionId: session.sessionId, role: user.role }),
    refreshToken: mintRefreshToken(keys.refreshTokenKey, { userId: user.id, sessionId: session.sessionId, generation: session.generation }),
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
  };
}

/** Starts a session (a refresh-token family) for a user who just proved who they are. */
export async function startSession(deps: AccountDeps, user: User, client: ClientInfo): Promise<TokenPair> {
  const now = new Date();
  const session: Session = {
    userId: user.id,
    sessionId: randomUUID(),
    generation: 0,
    rotatedAt: now.getTime(),
    createdAt: now.toISOString(),
    lastUsedAt: now.toISOString(),
    userAgent: client.userAgent.slice(0, 256),
    ipAddress: client.ipAddress,
    expiresAt: Math.floor(now.getTime() / 1000) + REFRESH_TOKEN_LIFETIME_SECONDS,
  };
  if (!(await deps.sessions.create(session, { role: user.role }))) {
    throw new UnauthenticatedError('account_changed', 'The account changed while logging in. Log in again.');
  }
  return tokenPair(deps, user, session);
}

/**
 * Exchanges a refresh token for a new pair, rotating it. The previous
 * generation keeps working for REFRESH_GRACE_MS after a rotation (parallel
 * requests from one app); any older token is a replay, and ends the session.
 */
export async function refreshSession(deps: AccountDeps, refreshToken: string, client: ClientInfo): Promise<TokenPair> {
  await limitRate(deps, 'refresh', client);
  const keys = await deps.keys.current();
  const claims = readRefreshToken(keys.refreshTokenKey, refreshToken);
  if (!claims) throw invalidRefreshToken();

  // Independent reads on the hottest authenticated path: issue them together.
  const [found, user] = await Promise.all([deps.sessions.find(claims.userId, claims.sessionId), deps.users.findById(claims.userId)]);
  let session = found;
  if (!session || !user) throw invalidRefreshToken();
  if (user.status !== 'active') {
    await deps.sessions.delete(user.id, session.sessionId);
    throw invalidRefreshToken();
  }

  const now = new Date();
  if (claims.generation === session.generation) {
    const rotated = await deps.sessions.rotate(session, now, REFRESH_TOKEN_LIFETIME_SECONDS);
    if (rotated) return tokenPair(deps, user, rotated);
    session = await deps.sessions.find(claims.userId, claims.sessionId); // a concurrent refresh won
    if (!session) throw invalidRefreshToken();
  }
  if (isLiveGeneration(session, claims.generation, now.getTime())) return tokenPair(deps, user, session);

  await deps.sessions.delete(user.id, session.sessionId);
  await deps.audit.record(user.id, { type: 'refresh_token_reused', ...client, details: { sessionId: session.sessionId } });
  throw invalidRefreshToken();
}

/** Whether a refresh token is its session's current generation, or the previous one within the grace window. */
const isLiveGeneration = (session: Session, generation: number, now: number): boolean =>
  generation === session.generation || (generation === session.generation - 1 && now - session.rotatedAt <= REFRESH_GRACE_MS);

/**
 * Ends the session the refresh token belongs to, or with `everywhere` every
 * session of its user. Idempotent. Ending every session takes a live token:
 * a rotated one (say, copied from an old backup) is a replay, which ends only
 * its own session, as a refresh with it would.
 */
export async function logOut(deps: AccountDeps, refreshToken: string, everywhere: boolean, client: ClientInfo): Promise<void> {
  const keys = await deps.keys.current();
  const claims = readRefreshToken(keys.refreshTokenKey, refreshToken);
  if (!claims) return;
  if (everywhere) {
    const session = await deps.sessions.find(claims.userId, claims.sessionId);
    if (!session) return;
    if (!isLiveGeneration(session, claims.generation, Date.now())) {
      await deps.sessions.delete(claims.userId, session.sessionId);
      await deps.audit.record(claims.userId, { type: 'refresh_token_reused', ...client, details: { sessionId: session.sessionId } });
      return;
    }
    const ended = await deps.sessions.deleteAllForUser(claims.userId);
    await deps.audit.record(claims.userId, { type: 'all_sessions_ended', ...client, details: { ended } });
    return;
  }
  if (await deps.sessions.delete(claims.userId, claims.sessionId)) {
    await deps.audit.record(claims.userId, { type: 'session_ended', ...client, details: { sessionId: claims.sessionId } });
  }
}

export interface SessionView {
  readonly id: string;
  readonly userAgent: string;
  readonly ipAddress: string;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly current: boolean;
}

export async function listSessions(deps: AccountDeps, userId: string, currentSessionId: string): Promise<SessionView[]> {
  const sessions = await deps.sessions.listForUser(userId);
  return sessions
    .sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt))
    .map((session) => ({
      id: session.sessionId,
      userAgent: session.userAgent,
      ipAddress: session.ipAddress,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt,
      current: session.sessionId === currentSessionId,
    }));
}

export async function endSession(deps: AccountDeps, userId: string, sessionId: string, client: ClientInfo): Promise<void> {
  if (!(await deps.sessions.delete(userId, sessionId))) throw new NotFoundError('session_not_found', 'No such session.');
  await deps.audit.record(userId, { type: 'session_ended', ...client, details: { sessionId } });
}
