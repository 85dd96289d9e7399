import { z } from 'zod';
import { emailSchema } from '../accounts/email-address.ts';
import { defineRoute } from '../http/route-definition.ts';
import { acceptedSchema, anyPasswordSchema, linkTokenSchema, nameSchema, passwordSchema, tokenPairSchema } from './schemas.ts';

const auth = { area: 'auth', auth: 'public', tags: ['Authentication'] } as const;
const html = (description: string) => ({ 200: { description, contentType: 'text/html' } });
const pageQuery = z.strictObject({ token: linkTokenSchema.optional() });
const tokenBody = z.strictObject({ token: linkTokenSchema });

export const authRoutes = {
  register: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/register',
    operationId: 'register',
    summary: 'Sign up',
    description:
      'Always answers 202, whether or not the address already has an account: a new address receives a confirmation link, a taken one a notice.',
    request: { body: z.strictObject({ email: emailSchema, password: passwordSchema, name: nameSchema }) },
    responses: { 202: { description: 'Check your email.', schema: acceptedSchema } },
  }),
  confirmPage: defineRoute({
    ...auth,
    method: 'GET',
    path: '/api/v1/auth/confirm',
    operationId: 'showConfirmEmailPage',
    summary: 'Page behind the confirmation link (consumes nothing)',
    request: { query: pageQuery },
    responses: html('A page with a button that confirms the address.'),
  }),
  confirm: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/confirm',
    operationId: 'confirmEmail',
    summary: 'Confirm an email address',
    request: { body: tokenBody },
    responses: { 204: { description: 'Confirmed (or already confirmed).' } },
  }),
  resendConfirmation: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/confirm/resend',
    operationId: 'resendConfirmation',
    summary: 'Send the confirmation link again',
    request: { body: z.strictObject({ email: emailSchema }) },
    responses: { 202: { description: 'Sent if the address has an unconfirmed account (at most once a minute).', schema: acceptedSchema } },
  }),
  login: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/login',
    operationId: 'login',
    summary: 'Log in for an access and a refresh token',
    request: { body: z.strictObject({ email: emailSchema, password: anyPasswordSchema }) },
    responses: { 200: { description: 'Logged in.', schema: tokenPairSchema } },
  }),
  refresh: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/refresh',
    operationId: 'refreshTokens',
    summary: 'Exchange a refresh token for a new pair (rotation)',
    request: { body: z.strictObject({ refreshToken: z.string().min(1).max(512) }) },
    responses: { 200: { description: 'A new pair; the old refresh token stops working after a short grace window.', schema: tokenPairSchema } },
  }),
  logout: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/logout',
    operationId: 'logout',
    summary: 'End this session, or every session with scope=all',
    request: {
      query: z.strictObject({ scope: z.enum(['all']).optional() }),
      body: z.strictObject({ refreshToken: z.string().min(1).max(512) }),
    },
    responses: { 204: { description: 'Logged out.' } },
  }),
  forgotPassword: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/password/forgot',
    operationId: 'forgotPassword',
    summary: 'Email a password reset link',
    request: { body: z.strictObject({ email: emailSchema }) },
    responses: { 202: { description: 'Sent if the address has an account.', schema: acceptedSchema } },
  }),
  resetPasswordPage: defineRoute({
    ...auth,
    method: 'GET',
    path: '/api/v1/auth/password/reset',
    operationId: 'showResetPasswordPage',
    summary: 'Page behind the reset link (consumes nothing)',
    request: { query: pageQuery },
    responses: html('A form for the new password.'),
  }),
  resetPassword: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/password/reset',
    operationId: 'resetPassword',
    summary: 'Set a new password from a reset link',
    request: { body: z.strictObject({ token: linkTokenSchema, password: passwordSchema }) },
    responses: { 204: { description: 'Password changed; every session ended.' } },
  }),
  confirmEmailChangePage: defineRoute({
    ...auth,
    method: 'GET',
    path: '/api/v1/auth/email/confirm',
    operationId: 'showConfirmEmailChangePage',
    summary: 'Page behind the new-address confirmation link (consumes nothing)',
    request: { query: pageQuery },
    responses: html('A page with a button that confirms the new address.'),
  }),
  confirmEmailChange: defineRoute({
    ...auth,
    method: 'POST',
    path: '/api/v1/auth/email/confirm',
    operationId: 'confirmEmailChange',
    summary: 'Confirm a new email address',
    request: { body: tokenBody },
    responses: { 204: { description: 'The new address is now the login.' } },
  }),
  jwks: defineRoute({
    ...auth,
    tags: ['Discovery'],
    method: 'GET',
    path: '/.well-known/jwks.json',
    operationId: 'getJwks',
    summary: 'Public keys that verify access tokens',
    responses: { 200: { description: 'JSON Web Key Set: the current key and, during rotation, the previous one.', schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) } },
  }),
  openIdConfiguration: defineRoute({
    ...auth,
    tags: ['Discovery'],
    method: 'GET',
    path: '/.well-known/openid-configuration',
    operationId: 'getOpenIdConfiguration',
    summary: 'Issuer metadata',
    responses: { 200: { description: 'Issuer, JWKS location and signing algorithm.', schema: z.record(z.string(), z.unknown()) } },
  }),
} as const;
