import * as z from 'zod';
import { emailSchema, normalizeEmail } from '../accounts/email-address.ts';
import { USER_STATUSES } from '../accounts/user-status.ts';
import { ROLES } from '../auth/principal.ts';
import { defineRoute } from '../http/route-definition.ts';
import { acceptedSchema, nameSchema, pageLimitSchema, profileSchema } from './schemas.ts';

const admin = { area: 'admin', auth: 'admin', tags: ['Administration'] } as const;
const userId = z.strictObject({ id: z.uuid() });

const auditEventSchema = z
  .object({
    type: z.string(),
    at: z.iso.datetime(),
    ipAddress: z.string().optional(),
    userAgent: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional().meta({ description: 'Includes `actorId` for administrators’ actions.' }),
  })
  .meta({ id: 'AuditEvent' });

const pageQuery = {
  limit: pageLimitSchema(100, 20),
  cursor: z.string().min(1).max(2048).optional().meta({ description: 'The `nextCursor` of the previous page, unchanged.' }),
};

export const adminRoutes = {
  createUser: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/v1/users',
    operationId: 'createUser',
    summary: 'Create a user and email them an invitation',
    request: { body: z.strictObject({ email: emailSchema, name: nameSchema, role: z.enum(ROLES) }) },
    responses: { 201: { description: 'Created; the invitation link is valid 72 hours.', schema: profileSchema } },
    problems: { 409: 'email_taken.' },
  }),
  listUsers: defineRoute({
    ...admin,
    method: 'GET',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'List users, newest first',
    description:
      'Filters: role, status (each alone or together) and a creation range; or an email prefix alone (ordered by address). ' +
      'Every combination is served by an index; other combinations answer 400 with the reason.',
    request: {
      query: z.strictObject({
        role: z.enum(ROLES).optional(),
        status: z.enum(USER_STATUSES).optional(),
        emailPrefix: z.string().max(254).transform(normalizeEmail).pipe(z.string().min(1).max(254)).optional(), // NFKC can grow a string 18-fold: limit it after
        createdFrom: z.iso.datetime().optional(),
        createdTo: z.iso.datetime().optional(),
        ...pageQuery,
      }),
    },
    responses: {
      200: {
        description: 'One page of users.',
        schema: z.object({ users: z.array(profileSchema), nextCursor: z.string().optional() }).meta({ id: 'UserPage' }),
      },
    },
  }),
  getUser: defineRoute({
    ...admin,
    method: 'GET',
    path: '/api/v1/users/{id}',
    operationId: 'getUser',
    summary: 'One user',
    request: { params: userId },
    responses: { 200: { description: 'The user.', schema: profileSchema } },
  }),
  updateUser: defineRoute({
    ...admin,
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    summary: 'Change a user’s name or role',
    description: 'A role change ends the user’s sessions (tokens carry the role). The last active administrator cannot demote themself (409 last_admin).',
    request: { params: userId, body: z.strictObject({ name: nameSchema.optional(), role: z.enum(ROLES).optional() }) },
    responses: { 200: { description: 'The updated user.', schema: profileSchema } },
    problems: { 409: 'last_admin: the last active administrator cannot be demoted; concurrent_change.' },
  }),
  deleteUser: defineRoute({
    ...admin,
    method: 'DELETE',
    path: '/api/v1/users/{id}',
    operationId: 'deleteUser',
    summary: 'Delete a user and all their data',
    request: { params: userId },
    responses: { 204: { description: 'Deleted.' } },
    problems: { 409: 'last_admin; concurrent_change.' },
  }),
  disableUser: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/v1/users/{id}/disable',
    operationId: 'disableUser',
    summary: 'Disable a user (ends every session)',
    request: { params: userId },
    responses: { 200: { description: 'The disabled user.', schema: profileSchema } },
    problems: { 409: 'last_admin; concurrent_change.' },
  }),
  enableUser: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/v1/users/{id}/enable',
    operationId: 'enableUser',
    summary: 'Enable a disabled user',
    request: { params: userId },
    responses: { 200: { description: 'The enabled user.', schema: profileSchema } },
    problems: { 409: 'concurrent_change.' },
  }),
  reinviteUser: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/v1/users/{id}/invite',
    operationId: 'reinviteUser',
    summary: 'Send a pending user a fresh invitation (the old link stops working)',
    request: { params: userId },
    responses: { 202: { description: 'Sent.', schema: acceptedSchema } },
    problems: { 409: 'not_pending: the user has accepted already.' },
  }),
  revokeSessions: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/v1/users/{id}/sessions/revoke',
    operationId: 'revokeUserSessions',
    summary: 'End every session of a user',
    request: { params: userId },
    responses: { 204: { description: 'Ended.' } },
  }),
  userAudit: defineRoute({
    ...admin,
    method: 'GET',
    path: '/api/v1/users/{id}/audit',
    operationId: 'getUserAudit',
    summary: 'A user’s security events, newest first',
    request: { params: userId, query: z.strictObject(pageQuery) },
    responses: {
      200: { description: 'One page of events.', schema: z.object({ events: z.array(auditEventSchema), nextCursor: z.string().optional() }) },
    },
  }),
} as const;
