import type { InvitationCreated } from '@call-assist/shared';
import { useRef, useState } from 'react';
import { invitationLink } from '../../api/users';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { ROLE_LABELS } from '../../ui/domain-labels';
import { toastSuccess, useToasts } from '../../ui/toasts';

/** The new invitation's link, with a copy button: the server never shows its token again. */
export function InviteLink({ created, onDone }: { created: InvitationCreated; onDone(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const link = invitationLink(created.token);
  const { email, role, expiresAt } = created.invitation;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      toastSuccess('Invitation link copied');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): leave it ready to copy by hand.
      input.current?.select();
      useToasts.getState().show('info', 'Copy the selected link by hand (Ctrl+C or ⌘C).');
    }
  };

  return (
    <div className="invite-link" role="status" data-testid="invite-link">
      <p>
        <strong>
          Invitation for {email} as {ROLE_LABELS[role].toLowerCase()}
        </strong>
      </p>
      <p className="muted-text small-text">Send them this link. It is shown only this once and works until {formatDateTime(expiresAt)}.</p>
      <div className="invite-link-row">
        <input ref={input} className="invite-link-input" readOnly value={link} aria-label={`Invitation link for ${email}`} onFocus={(event) => event.target.select()} />
        <Button variant="primary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </Button>
      </div>
      <Button small variant="ghost" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
