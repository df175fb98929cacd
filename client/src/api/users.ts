import type { InvitationCreated, InvitationInput, UserList, UserSummary, UserUpdate } from '@call-assist/shared';
import { apiRequest } from './http';
import { invitationCreatedSchema, userListSchema, userSummarySchema } from './schemas';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** The organisation's users and open invitations (admins only). */
export const listUsers = (signal?: AbortSignal): Promise<UserList> => apiRequest('GET', '/api/users', userListSchema, { signal });

export const updateUser = (id: string, update: UserUpdate): Promise<UserSummary> => apiRequest('PATCH', userPath(id), userSummarySchema, { body: update });

export const deleteUser = (id: string): Promise<void> => apiRequest('DELETE', userPath(id), null);

/** Invites someone; the answer's token is shown once and never again. */
export const inviteUser = (input: InvitationInput): Promise<InvitationCreated> => apiRequest('POST', '/api/users/invitations', invitationCreatedSchema, { body: input });

export const revokeInvitation = (id: string): Promise<void> => apiRequest('DELETE', `/api/users/invitations/${encodeURIComponent(id)}`, null);

/** The link an invited person opens: the token in the fragment, which never reaches server or proxy logs. */
export const invitationLink = (token: string, origin: string = window.location.origin): string => `${origin}/register#invitation=${encodeURIComponent(token)}`;
