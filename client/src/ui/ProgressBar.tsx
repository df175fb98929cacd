/** A labelled progress bar (role progressbar), with the percentage written beside it. */
export function ProgressBar({ label, percent, tone = 'accent' }: { label: string; percent: number; tone?: 'accent' | 'success' | 'warning' | 'danger' }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress">
      <div className={`progress-track progress-${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-valuetext={`${value} %`}>
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      <span className="progress-value" aria-hidden="true">
        {value} %
      </span>
    </div>
  );
}
