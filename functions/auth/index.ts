import { createApiHandler } from '../../shared/http/api-handler.ts';
import { getJwks, getOpenIdConfiguration } from './discovery.ts';
import { getConfirmEmailChangePage, postConfirmEmailChange } from './email-change.ts';
import { getInvitationPage, postAcceptInvitation } from './invitation.ts';
import { getResetPasswordPage, postForgotPassword, postResetPassword } from './password-reset.ts';
import { getConfirmPage, postConfirm, postRegister, postResendConfirmation } from './register.ts';
import { postLogin, postLogout, postRefresh } from './sessions.ts';

/** The `auth` area: everything before a person holds an access token, and key discovery. */
export const handler = createApiHandler([
  postRegister,
  getConfirmPage,
  postConfirm,
  postResendConfirmation,
  postLogin,
  postRefresh,
  postLogout,
  postForgotPassword,
  getResetPasswordPage,
  postResetPassword,
  getConfirmEmailChangePage,
  postConfirmEmailChange,
  getInvitationPage,
  postAcceptInvitation,
  getJwks,
  getOpenIdConfiguration,
]);
