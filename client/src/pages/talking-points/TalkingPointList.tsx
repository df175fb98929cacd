import type { TalkingPoint } from '@call-assist/shared';
import { Button } from '../../ui/Button';
import { Toggle } from '../../ui/fields';

const SPEAKER_LABELS = { any: 'either party', caller: 'caller only', agent: 'rep only' } as const;

interface TalkingPointListProps {
  points: TalkingPoint[];
  editingId: string | null;
  busyIds: ReadonlySet<string>;
  /** False for a role that may only read them (reps): no toggle, edit or delete. */
  editable: boolean;
  onEdit(point: TalkingPoint): void;
  onDelete(point: TalkingPoint): void;
  onEnabledChange(point: TalkingPoint, enabled: boolean): void;
}

export function TalkingPointList({ points, editingId, busyIds, editable, onEdit, onDelete, onEnabledChange }: TalkingPointListProps) {
  return (
    <ul className="tp-list">
      {points.map((point) => (
        <li key={point.id} className={`tp-item${point.id === editingId ? ' tp-item-editing' : ''}${point.enabled ? '' : ' tp-item-disabled'}`} data-testid="talking-point">
          <div className="tp-item-main">
            <h3 className="tp-item-title">{point.title}</h3>
            <p className="tp-item-body">{point.body}</p>
            <ul className="chip-list" aria-label="Phrases">
              {point.phrases.map((phrase) => (
                <li key={phrase} className="chip chip-static">
                  {phrase}
                </li>
              ))}
            </ul>
            <p className="tp-item-meta">
              Heard from {SPEAKER_LABELS[point.speaker]} · {point.cooldownMs == null ? 'once per call' : `every ${point.cooldownMs / 1000} s at most`}
              {point.priority !== 0 && ` · priority ${point.priority}`}
            </p>
          </div>
          {editable ? (
            <div className="tp-item-actions">
              <Toggle label={point.enabled ? 'Enabled' : 'Disabled'} accessibleLabel={`“${point.title}” enabled`} checked={point.enabled} disabled={busyIds.has(point.id)} onChange={(enabled) => onEnabledChange(point, enabled)} />
              <div className="row">
                <Button small onClick={() => onEdit(point)} aria-label={`Edit “${point.title}”`}>
                  Edit
                </Button>
                <Button small variant="ghost" className="button-danger-text" onClick={() => onDelete(point)} aria-label={`Delete “${point.title}”`}>
                  Delete
                </Button>
              </div>
            </div>
          ) : (
            <div className="tp-item-actions">
              <span className={`status-chip ${point.enabled ? 'status-completed' : 'status-pending'}`}>{point.enabled ? 'Shown on calls' : 'Off'}</span>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
