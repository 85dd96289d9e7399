import { deleteAccount, getProfile, updateProfile } from '../../shared/accounts/account.ts';
import { accountDepsWithMedia } from '../../shared/accounts/account-media.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getMe = implement(routes.getMe, async ({ principal }) => ({
  status: 200,
  json: await getProfile(accountDepsWithMedia(), principal.userId),
}));

export const patchMe = implement(routes.updateMe, async ({ principal, body, client }) => ({
  status: 200,
  json: await updateProfile(accountDepsWithMedia(), principal.userId, body, client),
}));

export const deleteMe = implement(routes.deleteMe, async ({ principal, body, client }) => {
  await deleteAccount(accountDepsWithMedia(), principal, body.password, client);
  return { status: 204 };
});
