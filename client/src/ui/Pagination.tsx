import { Button } from './Button';

interface PaginationProps {
  /** Index of the first item shown (0-based) and how many a page holds. */
  skip: number;
  limit: number;
  total: number;
  /** What the items are, for the summary: "calls". */
  noun: string;
  onPage(skip: number): void;
}

/** "21–40 of 93 calls" with previous/next; nothing to page through, just the count. */
export function Pagination({ skip, limit, total, noun, onPage }: PaginationProps) {
  const first = total === 0 ? 0 : skip + 1;
  const last = Math.min(total, skip + limit);
  const summary = total <= limit && skip === 0 ? `${total} ${noun}` : `${first}–${last} of ${total} ${noun}`;
  return (
    <nav className="pagination" aria-label="Pages">
      <p className="pagination-summary" aria-live="polite">
        {summary}
      </p>
      {(skip > 0 || last < total) && (
        <div className="row">
          <Button small disabled={skip === 0} onClick={() => onPage(Math.max(0, skip - limit))}>
            ← Previous
          </Button>
          <Button small disabled={last >= total} onClick={() => onPage(skip + limit)}>
            Next →
          </Button>
        </div>
      )}
    </nav>
  );
}
