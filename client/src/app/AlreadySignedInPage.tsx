import { useAuth } from '../auth/auth-store';
import { LogOutButton } from './LogOutButton';

/** /register while signed in (e.g. an admin opening the invite link they made): registering needs logging out first. */
export function AlreadySignedInPage() {
  const user = useAuth((state) => state.session!.user);
  return (
    <section className="page">
      <h1>You are already logged in</h1>
      <p>
        You are logged in as {user.name} ({user.email}) in {user.organisation.name}. To create another account with an invitation, log out first, or open
        the link in a private window.
      </p>
      {/* Back to this address afterwards: the invitation in it is what the user came for. */}
      <LogOutButton to={window.location.pathname + window.location.hash} />
    </section>
  );
}
