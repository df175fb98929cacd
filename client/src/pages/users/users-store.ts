import type { InvitationCreated, InvitationInput, InvitationSummary, UserSummary, UserUpdate } from '@call-assist/shared';
import { create } from 'zustand';
import { deleteUser, inviteUser, listUsers, revokeInvitation, updateUser } from '../../api/users';

interface UsersState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: unknown;
  users: UserSummary[];
  invitations: InvitationSummary[];
  load(): Promise<void>;
  /** Each action throws the API error for the page to show; the lists change only when the server agreed. */
  update(id: string, update: UserUpdate): Promise<UserSummary>;
  remove(id: string): Promise<void>;
  invite(input: InvitationInput): Promise<InvitationCreated>;
  revoke(id: string): Promise<void>;
}

/** The organisation's users and open invitations, as the admin's Users page shows and changes them. */
export const useUsers = create<UsersState>()((set, get) => ({
  status: 'idle',
  error: undefined,
  users: [],
  invitations: [],
  async load() {
    if (get().status !== 'ready') set({ status: 'loading', error: undefined });
    try {
      const { users, invitations } = await listUsers();
      set({ users, invitations, status: 'ready', error: undefined });
    } catch (error) {
      set({ status: 'error', error });
    }
  },
  async update(id, update) {
    const saved = await updateUser(id, update);
    set((state) => ({ users: state.users.map((user) => (user.id === id ? saved : user)) }));
    return saved;
  },
  async remove(id) {
    await deleteUser(id);
    set((state) => ({ users: state.users.filter((user) => user.id !== id) }));
  },
  async invite(input) {
    const created = await inviteUser(input);
    set((state) => ({ invitations: [...state.invitations, created.invitation] }));
    // Whatever else the server did with open invitations for that address shows once the list is fetched again.
    void get().load();
    return created;
  },
  async revoke(id) {
    await revokeInvitation(id);
    set((state) => ({ invitations: state.invitations.filter((invitation) => invitation.id !== id) }));
  },
}));
