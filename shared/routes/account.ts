import * as z from 'zod';
import { emailSchema } from '../accounts/email-address.ts';
import { defineRoute } from '../http/route-definition.ts';
import { acceptedSchema, anyPasswordSchema, nameSchema, passwordSchema, profileSchema } from './schemas.ts';

const account = { area: 'account', auth: 'user', tags: ['Account'] } as const;

const sessionSchema = z
  .object({
    id: z.uuid(),
    userAgent: z.string(),
    ipAddress: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
    current: z.boolean().meta({ description: 'The session this request was made with.' }),
  })
  .meta({ id: 'Session' });

export const accountRoutes = {
  getMe: defineRoute({
    ...account,
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'getMe',
    summary: 'Your profile',
    responses: { 200: { description: 'The profile.', schema: profileSchema } },
    problems: { 404: 'account_not_found.' },
  }),
  updateMe: defineRoute({
    ...account,
    method: 'PATCH',
    path: '/api/v1/me',
    operationId: 'updateMe',
    summary: 'Change your name and profile fields',
    request: { body: z.strictObject({ name: nameSchema.optional() }) },
    responses: { 200: { description: 'The updated profile.', schema: profileSchema } },
    problems: { 404: 'account_not_found.' },
  }),
  deleteMe: defineRoute({
    ...account,
    method: 'DELETE',
    path: '/api/v1/me',
    operationId: 'deleteMe',
    summary: 'Delete your account and all its data',
    request: { body: z.strictObject({ password: anyPasswordSchema }) },
    responses: { 204: { description: 'Deleted.' } },
    problems: { 403: 'wrong_password.', 404: 'account_not_found.', 409: 'last_admin: the last active administrator; concurrent_change.' },
  }),
  changePassword: defineRoute({
    ...account,
    method: 'POST',
    path: '/api/v1/me/password',
    operationId: 'changePassword',
    summary: 'Change your password (ends your other sessions)',
    request: { body: z.strictObject({ currentPassword: anyPasswordSchema, newPassword: passwordSchema }) },
    responses: { 204: { description: 'Changed.' } },
    problems: { 403: 'wrong_password.', 404: 'account_not_found.', 422: 'password_too_common.' },
  }),
  changeEmail: defineRoute({
    ...account,
    method: 'POST',
    path: '/api/v1/me/email',
    operationId: 'changeEmail',
    summary: 'Start changing your email address',
    description: 'The new address receives a confirmation link; the old one stays the login until it is used.',
    request: { body: z.strictObject({ newEmail: emailSchema, password: anyPasswordSchema }) },
    responses: { 202: { description: 'Confirmation sent to the new address.', schema: acceptedSchema } },
    problems: { 403: 'wrong_password.', 404: 'account_not_found.', 422: 'same_email: already your address.' },
  }),
  cancelEmailChange: defineRoute({
    ...account,
    method: 'DELETE',
    path: '/api/v1/me/email',
    operationId: 'cancelEmailChange',
    summary: 'Cancel a pending email change',
    description: 'The confirmation link sent to the new address stops working. A password change or reset cancels it too.',
    responses: { 204: { description: 'No change is pending any more.' } },
    problems: { 404: 'account_not_found.' },
  }),
  listSessions: defineRoute({
    ...account,
    method: 'GET',
    path: '/api/v1/me/sessions',
    operationId: 'listSessions',
    summary: 'Your sessions',
    responses: { 200: { description: 'Newest activity first.', schema: z.object({ sessions: z.array(sessionSchema) }) } },
  }),
  endSession: defineRoute({
    ...account,
    method: 'DELETE',
    path: '/api/v1/me/sessions/{id}',
    operationId: 'endSession',
    summary: 'End one of your sessions',
    request: { params: z.strictObject({ id: z.uuid() }) },
    responses: { 204: { description: 'Ended.' } },
    problems: { 404: 'session_not_found.' },
  }),
} as const;
