import type { CallRecord } from '@call-assist/shared';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { callExportUrl, deleteCall } from '../../api/call-review';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { toastError, toastSuccess } from '../../ui/toasts';
import { callName } from './CallTable';
import { isCallOngoing } from './use-call-detail';

/** Export as JSON; analyse again and delete (after asking) for the roles that manage calls. */
export function CallActions({ call, canManage, onReprocess, reprocessing }: { call: CallRecord; canManage: boolean; onReprocess(): void; reprocessing: boolean }) {
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const finished = !isCallOngoing(call);
  const analysing = call.analysisStatus === 'pending' || call.analysisStatus === 'processing';

  const remove = async () => {
    setDeleting(true);
    try {
      await deleteCall(call.id);
      toastSuccess(`Deleted “${callName(call)}”`);
      navigate('/calls');
    } catch (error) {
      toastError('Could not delete the call', error);
      setDeleting(false);
      setConfirming(false);
    }
  };
  return (
    <div className="row row-wrap call-actions">
      <a className="button" href={callExportUrl(call.id)} download={`call-${call.id}.json`}>
        Export JSON
      </a>
      {canManage && finished && (
        <Button onClick={onReprocess} busy={reprocessing} disabled={analysing}>
          Analyse again
        </Button>
      )}
      {canManage && (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this call?"
        message="Its recording, transcript, cards and analysis are deleted for good."
        confirmLabel="Delete call"
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
