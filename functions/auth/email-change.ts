import { confirmEmailChange } from '../../shared/accounts/account.ts';
import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { renderLinkActionPage } from '../../shared/pages/link-action-page.ts';
import { routes } from '../../shared/routes/index.ts';
import { linkPage } from './responses.ts';

export const getConfirmEmailChangePage = implement(routes.confirmEmailChangePage, async () =>
  linkPage(
    renderLinkActionPage({
      title: 'Confirm your new email',
      intro: 'Press the button to make this address the login of your account.',
      button: 'Use this address',
      done: 'Done: log in with your new address from now on.',
    }),
  ),
);

export const postConfirmEmailChange = implement(routes.confirmEmailChange, async ({ body, client }) => {
  await confirmEmailChange(accountDeps(), body.token, client);
  return { status: 204 };
});
