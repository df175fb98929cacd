import { ROLES, type Role, type UserSummary, type UserUpdate } from '@call-assist/shared';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/dates';
import { ROLE_LABELS } from '../../ui/domain-labels';
import { toastError, toastSuccess } from '../../ui/toasts';
import { useUsers } from './users-store';

/**
 * The organisation's users: role, access (disable/enable) and deletion. The admin's own row is read-only:
 * locking oneself out is done by another admin, not by a slip of the mouse.
 */
export function UserTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string | undefined }) {
  const update = useUsers((state) => state.update);
  const remove = useUsers((state) => state.remove);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [toDelete, setToDelete] = useState<UserSummary | null>(null);
  const [deleting, setDeleting] = useState(false);

  const change = async (user: UserSummary, changes: UserUpdate, done: string, failed: string) => {
    setBusyIds((ids) => new Set(ids).add(user.id));
    try {
      await update(user.id, changes);
      toastSuccess(done);
    } catch (error) {
      // e.g. 409 last_admin: the server's message says why.
      toastError(failed, error);
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    }
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await remove(toDelete.id);
      toastSuccess(`Deleted ${toDelete.name}`);
    } catch (error) {
      toastError(`Could not delete ${toDelete.name}`, error);
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  };

  return (
    <div className="table-frame">
      <table className="data-table user-table" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Access</th>
            <th scope="col">Last login</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === currentUserId;
            const busy = busyIds.has(user.id);
            return (
              <tr key={user.id} data-testid="user-row">
                <th scope="row" className="user-name">
                  {user.name} {self && <span className="tag">you</span>}
                  <span className="muted-text small-text user-email">{user.email}</span>
                </th>
                <td data-label="Role">
                  {self ? (
                    ROLE_LABELS[user.role]
                  ) : (
                    <select
                      className="table-select"
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={busy}
                      onChange={(event) => {
                        const role = event.target.value as Role;
                        void change(user, { role }, `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}`, `Could not change ${user.name}’s role`);
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td data-label="Access">
                  <span className={`status-chip ${user.disabled ? 'status-failed' : 'status-completed'}`}>{user.disabled ? 'Disabled' : 'Active'}</span>
                </td>
                <td data-label="Last login">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span className="muted-text">Never</span>}</td>
                <td className="user-actions">
                  {!self && (
                    <div className="row row-wrap">
                      <Button
                        small
                        busy={busy}
                        aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
                        onClick={() =>
                          void change(
                            user,
                            { disabled: !user.disabled },
                            user.disabled ? `${user.name} can log in again` : `${user.name} can no longer log in`,
                            `Could not ${user.disabled ? 'enable' : 'disable'} ${user.name}`,
                          )
                        }
                      >
                        {user.disabled ? 'Enable' : 'Disable'}
                      </Button>
                      <Button small variant="ghost" className="button-danger-text" disabled={busy} aria-label={`Delete ${user.name}`} onClick={() => setToDelete(user)}>
                        Delete
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete ${toDelete?.name ?? 'this user'}?`}
        message={toDelete ? `${toDelete.email} can no longer log in, and the account cannot be restored. To stop their access for a while, disable them instead.` : ''}
        confirmLabel="Delete user"
        busy={deleting}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </div>
  );
}
