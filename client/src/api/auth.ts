import type { AuthOptions, AuthSession, InvitationInfo, LoginInput, RegisterInput } from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';
import { authSessionSchema, invitationInfoSchema } from './schemas';

/** Whether this server lets anyone create an organisation (else users join by invitation). */
export const fetchAuthOptions = (signal?: AbortSignal): Promise<AuthOptions> =>
  apiRequest('GET', '/api/auth/options', z.object({ registrationOpen: z.boolean() }), { signal });

/** The session the cookie carries; a 401 when there is none. */
export const fetchSession = (signal?: AbortSignal): Promise<AuthSession> => apiRequest('GET', '/api/auth/me', authSessionSchema, { signal });

export const logIn = (input: LoginInput): Promise<AuthSession> => apiRequest('POST', '/api/auth/login', authSessionSchema, { body: input });

export const logOut = (): Promise<void> => apiRequest('POST', '/api/auth/logout', null);

/** A new organisation with its first admin, or an invited user joining theirs. */
export const register = (input: RegisterInput): Promise<AuthSession> => apiRequest('POST', '/api/auth/register', authSessionSchema, { body: input });

/** What an invitation is for (organisation, role, email), before registering with it. */
export const lookUpInvitation = (invitation: string, signal?: AbortSignal): Promise<InvitationInfo> =>
  apiRequest('POST', '/api/auth/invitation', invitationInfoSchema, { body: { invitation }, signal });

export const changePassword = (currentPassword: string, newPassword: string): Promise<void> =>
  apiRequest('POST', '/api/auth/password', null, { body: { currentPassword, newPassword } });
