import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { acceptInvitation } from '../../shared/accounts/invitation.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { renderLinkActionPage } from '../../shared/pages/link-action-page.ts';
import { routes } from '../../shared/routes/index.ts';
import { linkPage } from './responses.ts';

export const getInvitationPage = implement(routes.invitationPage, async () =>
  linkPage(
    renderLinkActionPage({
      title: 'Welcome to Kindred',
      intro: 'Choose a password for your new account.',
      button: 'Set password',
      done: 'Your account is ready. Log in with your email and this password.',
      passwordField: { name: 'password', label: 'Password (at least 8 characters)' },
    }),
  ),
);

export const postAcceptInvitation = implement(routes.acceptInvitation, async ({ body, client }) => {
  await acceptInvitation(accountDeps(), body.token, body.password, client);
  return { status: 204 };
});
