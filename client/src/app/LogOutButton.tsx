import { useState } from 'react';
import { signOut } from '../auth/session';
import { endCallAndWait, forgetSavedCall } from '../pages/live-call/live-call-controller';
import { isCallActive, useLiveCall } from '../pages/live-call/live-call-store';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { toastError } from '../ui/toasts';

/** Logs out — after asking, and ending it, when a call is in progress. `to`: the address to load afterwards. */
export function LogOutButton({ to, small }: { to?: string; small?: boolean }) {
  const callActive = useLiveCall((state) => isCallActive(state.phase));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const logOut = async () => {
    setBusy(true);
    try {
      await endCallAndWait();
      // A call a reload interrupted is this user's: the next one must not be offered to resume it.
      forgetSavedCall();
      await signOut(to);
    } catch (error) {
      toastError('Could not log out', error);
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button small={small} variant="ghost" busy={busy && !confirming} onClick={() => (callActive ? setConfirming(true) : void logOut())}>
        Log out
      </Button>
      <ConfirmDialog
        open={confirming}
        title="End the call and log out?"
        message="A call is in progress. Logging out ends it; what was said so far is kept for review."
        confirmLabel="End call and log out"
        busy={busy}
        onConfirm={() => void logOut()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
