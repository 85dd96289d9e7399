import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { confirmEmail, register, resendConfirmation } from '../../shared/accounts/registration.ts';
import { accepted, implement } from '../../shared/http/api-handler.ts';
import { renderLinkActionPage } from '../../shared/pages/link-action-page.ts';
import { routes } from '../../shared/routes/index.ts';
import { linkPage } from './responses.ts';

export const postRegister = implement(routes.register, async ({ body, client }) => {
  await register(accountDeps(), body, client);
  return accepted('If this address can be used, we have sent it an email. Follow the link in it to confirm your account.');
});

export const getConfirmPage = implement(routes.confirmPage, async () =>
  linkPage(
    renderLinkActionPage({
      title: 'Confirm your email',
      intro: 'Enter the password you chose when signing up to confirm your email address.',
      button: 'Confirm my email',
      done: 'Your email address is confirmed. You can log in now.',
      passwordField: { name: 'password', label: 'Your password', autocomplete: 'current-password' },
    }),
  ),
);

export const postConfirm = implement(routes.confirm, async ({ body, client }) => {
  await confirmEmail(accountDeps(), body.token, body.password, client);
  return { status: 204 };
});

export const postResendConfirmation = implement(routes.resendConfirmation, async ({ body, client }) => {
  await resendConfirmation(accountDeps(), body.email, client);
  return accepted('If this address has an unconfirmed account, a new link is on its way.');
});
