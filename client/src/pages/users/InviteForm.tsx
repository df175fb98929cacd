import { invitationInputSchema, ROLES, type InvitationCreated, type Role } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../ui/domain-labels';
import { InlineError } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { InviteLink } from './InviteLink';
import { useUsers } from './users-store';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Invites someone by email and role; the link to pass on is shown once, right here. */
export function InviteForm() {
  const invite = useUsers((state) => state.invite);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  // A revoked invitation's link is useless: it goes from here too.
  const createdIsOpen = useUsers((state) => created !== null && state.invitations.some((open) => open.id === created.invitation.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = invitationInputSchema.safeParse({ email, role });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      setCreated(await invite(parsed.data));
      setEmail('');
    } catch (failure) {
      setErrors(formErrorsFromFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      {created && createdIsOpen && <InviteLink created={created} onDone={() => setCreated(null)} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Email" type="email" autoComplete="off" value={email} error={errors.email} onChange={(event) => setEmail(event.target.value)} />
        <SelectField label="Role" value={role} options={ROLE_OPTIONS} error={errors.role} hint={`${ROLE_LABELS[role]}s see ${ROLE_DESCRIPTIONS[role]}.`} onChange={(event) => setRole(event.target.value as Role)} />
        <InlineError>{errors['']}</InlineError>
        <Button type="submit" variant="primary" busy={busy}>
          Create invitation
        </Button>
      </form>
    </section>
  );
}
