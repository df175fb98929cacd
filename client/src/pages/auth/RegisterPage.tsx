import { useEffect, useState } from 'react';
import { AuthFrame } from './AuthFrame';
import { invitationFromHash } from './invitation-hash';
import { JoinForm } from './JoinForm';
import { NewOrganisationForm } from './NewOrganisationForm';

/** `/register`: joining with an invite link (`#invitation=…`), or starting a new organisation. */
export function RegisterPage() {
  const invitation = useInvitationFromHash();
  return <AuthFrame title={invitation ? 'Create your account' : 'Create an organisation'}>{invitation ? <JoinForm key={invitation} invitation={invitation} /> : <NewOrganisationForm />}</AuthFrame>;
}

/** The invitation in the address' fragment, following it when another link is pasted into the same tab. */
function useInvitationFromHash(): string | null {
  const [invitation, setInvitation] = useState(() => invitationFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setInvitation(invitationFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return invitation;
}
