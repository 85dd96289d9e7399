import { cancelEmailChange, changePassword, requestEmailChange } from '../../shared/accounts/account.ts';
import { accountDepsWithMedia } from '../../shared/accounts/account-media.ts';
import { accepted, implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const postChangePassword = implement(routes.changePassword, async ({ principal, body, client }) => {
  await changePassword(accountDepsWithMedia(), principal, body, client);
  return { status: 204 };
});

export const postChangeEmail = implement(routes.changeEmail, async ({ principal, body, client }) => {
  await requestEmailChange(accountDepsWithMedia(), principal, body, client);
  return accepted('We sent a confirmation link to the new address. Your login stays the same until you use it.');
});

export const deleteEmailChange = implement(routes.cancelEmailChange, async ({ principal, client }) => {
  await cancelEmailChange(accountDepsWithMedia(), principal.userId, client);
  return { status: 204 };
});
