import { Link } from 'wouter';
import { useAuth } from '../auth/auth-store';
import { ROLE_LABELS } from '../ui/domain-labels';
import { LogOutButton } from './LogOutButton';

/** Who is signed in (a link to their account page) and the way out. */
export function UserMenu() {
  const user = useAuth((state) => state.session?.user);
  if (!user) return null;
  return (
    <div className="user-menu">
      <Link href="/account" className="user-link" aria-label={`Your account: ${user.name}, ${ROLE_LABELS[user.role].toLowerCase()}`}>
        <span className="user-name-text">{user.name}</span>
        <span className="role-badge" data-testid="role-badge">
          {ROLE_LABELS[user.role]}
        </span>
      </Link>
      <LogOutButton small />
    </div>
  );
}
