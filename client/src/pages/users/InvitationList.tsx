import type { InvitationSummary } from '@call-assist/shared';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { ROLE_LABELS } from '../../ui/domain-labels';
import { EmptyState } from '../../ui/feedback';
import { toastError, toastSuccess } from '../../ui/toasts';
import { useUsers } from './users-store';

/** Invitations nobody has used yet; revoking one makes its link useless. */
export function InvitationList({ invitations }: { invitations: InvitationSummary[] }) {
  const revoke = useUsers((state) => state.revoke);
  const [revoking, setRevoking] = useState<string | null>(null);

  const revokeOne = async (invitation: InvitationSummary) => {
    setRevoking(invitation.id);
    try {
      await revoke(invitation.id);
      toastSuccess(`Invitation for ${invitation.email} revoked`);
    } catch (error) {
      toastError(`Could not revoke the invitation for ${invitation.email}`, error);
    } finally {
      setRevoking(null);
    }
  };

  return (
    <section className="invitations" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Open invitations</h2>
      {invitations.length === 0 ? (
        <EmptyState>No open invitations.</EmptyState>
      ) : (
        <ul className="simple-list invitation-list" data-testid="invitations">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="invitation">
              <div className="invitation-main">
                <strong>{invitation.email}</strong>
                <span className="muted-text small-text">
                  {' '}
                  as {ROLE_LABELS[invitation.role].toLowerCase()} · until {formatDateTime(invitation.expiresAt)}
                </span>
              </div>
              <Button small variant="ghost" className="button-danger-text" busy={revoking === invitation.id} aria-label={`Revoke the invitation for ${invitation.email}`} onClick={() => void revokeOne(invitation)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
