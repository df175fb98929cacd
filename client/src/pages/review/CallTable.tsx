import type { CallSummary } from '@call-assist/shared';
import { Link } from 'wouter';
import { formatDateTime } from '../../ui/dates';
import { ANALYSIS_STATUS_LABELS, CATEGORY_LABELS, OBJECTION_LABELS, labelOf } from '../../ui/domain-labels';
import { formatAudioTime } from '../live-call/format';

/** A call's name in lists: the file it came from, else when it was a live call. */
export const callName = (call: { title: string | null; source: string }) => call.title ?? (call.source === 'live' ? 'Live call' : 'Recording');

/** One page of calls; each row links to its call page. On a narrow screen rows stack as cards. */
export function CallTable({ calls }: { calls: CallSummary[] }) {
  return (
    <div className="table-frame">
      <table className="data-table call-table">
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Length</th>
            <th scope="col">Outcome</th>
            <th scope="col">Objections</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.id} data-testid="call-row">
              <th scope="row" className="call-table-name">
                <Link href={`/calls/${call.id}`}>{callName(call)}</Link>
                <span className="muted-text small-text">{formatDateTime(call.startedAt ?? call.createdAt)}</span>
              </th>
              <td data-label="Length">{call.audioDurationMs != null ? formatAudioTime(call.audioDurationMs) : '–'}</td>
              <td data-label="Outcome">
                {call.category ? (
                  <span className={`pill pill-${call.category}`}>{labelOf(CATEGORY_LABELS, call.category)}</span>
                ) : (
                  <span className={`muted-text analysis-${call.analysisStatus}`}>{labelOf(ANALYSIS_STATUS_LABELS, call.analysisStatus)}</span>
                )}
              </td>
              <td data-label="Objections">
                {call.objectionTypes.length ? call.objectionTypes.map((type) => labelOf(OBJECTION_LABELS, type)).join(', ') : <span className="muted-text">None</span>}
              </td>
              <td data-label="Tags">
                {call.tags.length ? (
                  <ul className="chip-list">
                    {call.tags.map((tag) => (
                      <li key={tag} className="chip chip-static chip-small">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted-text">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
