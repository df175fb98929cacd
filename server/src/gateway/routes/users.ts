import { invitationInputSchema, userUpdateSchema } from '@call-assist/shared';
import type { Accounts } from '../../auth/accounts.js';
import { CAN } from '../../auth/caller.js';
import { AppError } from '../../lib/errors.js';
import { isUuid, parseBody, type ApiRequest, type Router } from '../http.js';

function idOf(request: ApiRequest, what: string): string {
  const id = request.params[0] ?? '';
  if (!isUuid(id)) throw new AppError('not_found', `no such ${what}`, 404);
  return id;
}

/** An admin's management of the organisation's users and invitations. */
export function registerUserRoutes(router: Router, { accounts }: { accounts: Accounts }): void {
  router.get('/api/users', async (request) => ({ status: 200, body: await accounts.listUsers(request.caller) }), CAN.manageUsers);

  router.post(
    '/api/users/invitations',
    async (request) => ({ status: 201, body: await accounts.invite(request.caller, parseBody(invitationInputSchema, request.body)) }),
    CAN.manageUsers,
  );

  router.delete(
    '/api/users/invitations/:id',
    async (request) => {
      if (!(await accounts.revokeInvitation(request.caller, idOf(request, 'invitation')))) throw new AppError('not_found', 'no such invitation', 404);
      return { status: 204 };
    },
    CAN.manageUsers,
  );

  router.patch(
    '/api/users/:id',
    async (request) => ({ status: 200, body: await accounts.updateUser(request.caller, idOf(request, 'user'), parseBody(userUpdateSchema, request.body)) }),
    CAN.manageUsers,
  );

  router.delete(
    '/api/users/:id',
    async (request) => {
      await accounts.deleteUser(request.caller, idOf(request, 'user'));
      return { status: 204 };
    },
    CAN.manageUsers,
  );
}
