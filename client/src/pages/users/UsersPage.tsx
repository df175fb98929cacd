import { useEffect } from 'react';
import { useAuth } from '../../auth/auth-store';
import { RequestView } from '../../ui/RequestView';
import { InvitationList } from './InvitationList';
import { InviteForm } from './InviteForm';
import { UserTable } from './UserTable';
import { useUsers } from './users-store';

/** `/users` (admins): the organisation's users — role, access, deletion — and invitations. */
export default function UsersPage() {
  const { status, error, users, invitations, load } = useUsers();
  const currentUserId = useAuth((state) => state.session?.user.id);
  useEffect(() => {
    void load();
  }, [load]);
  const request = status === 'error' ? { status: 'error' as const, error } : status === 'ready' ? { status: 'done' as const, data: null } : { status: 'loading' as const };
  return (
    <section className="page users-page">
      <div className="page-header">
        <h1>Users</h1>
      </div>
      <div className="users-layout">
        <InviteForm />
        <div className="users-lists">
          <RequestView request={request} reload={() => void load()} loadingLabel="Loading users…">
            {() => (
              <>
                <UserTable users={users} currentUserId={currentUserId} />
                <InvitationList invitations={invitations} />
              </>
            )}
          </RequestView>
        </div>
      </div>
    </section>
  );
}
