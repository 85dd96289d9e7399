import { createApiHandler } from '../../shared/http/api-handler.ts';
import { deleteEmailChange, postChangeEmail, postChangePassword } from './credentials.ts';
import { deleteMe, getMe, patchMe } from './profile.ts';
import { deleteSession, getSessions } from './sessions.ts';

/** The `account` area: what a logged-in person does with their own account. */
export const handler = createApiHandler([getMe, patchMe, deleteMe, postChangePassword, postChangeEmail, deleteEmailChange, getSessions, deleteSession]);
