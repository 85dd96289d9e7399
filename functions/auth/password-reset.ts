import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { requestPasswordReset, resetPassword } from '../../shared/accounts/password-reset.ts';
import { accepted, implement } from '../../shared/http/api-handler.ts';
import { renderLinkActionPage } from '../../shared/pages/link-action-page.ts';
import { routes } from '../../shared/routes/index.ts';
import { linkPage } from './responses.ts';

export const postForgotPassword = implement(routes.forgotPassword, async ({ body, client }) => {
  await requestPasswordReset(accountDeps(), body.email, client);
  return accepted('If this address has an account, a reset link is on its way.');
});

export const getResetPasswordPage = implement(routes.resetPasswordPage, async () =>
  linkPage(
    renderLinkActionPage({
      title: 'Choose a new password',
      intro: 'Enter a new password for your account. You will be logged out everywhere.',
      button: 'Set password',
      done: 'Your password has been changed. Log in with the new one.',
      passwordField: { name: 'password', label: 'New password (at least 8 characters)' },
    }),
  ),
);

export const postResetPassword = implement(routes.resetPassword, async ({ body, client }) => {
  await resetPassword(accountDeps(), body.token, body.password, client);
  return { status: 204 };
});
