import type { ReactNode } from 'react';
import { ApiRequestError, errorMessage } from '../api/http';
import { Button } from './Button';
import { InlineError, Loading } from './feedback';
import type { RequestState } from './use-request';

/** Loading, error (with a retry) or the content of a `useRequest`. */
export function RequestView<T>({
  request,
  reload,
  loadingLabel,
  notFoundMessage,
  children,
}: {
  request: RequestState<T>;
  reload: () => void;
  loadingLabel?: string;
  /** What to say when the resource does not exist (404), instead of the server's terse message. */
  notFoundMessage?: string;
  children: (data: T) => ReactNode;
}) {
  if (request.status === 'loading') return <Loading label={loadingLabel} />;
  if (request.status === 'error')
    return (
      <div className="request-error">
        <InlineError>{notFoundMessage && request.error instanceof ApiRequestError && request.error.status === 404 ? notFoundMessage : errorMessage(request.error)}</InlineError>
        <Button onClick={reload}>Try again</Button>
      </div>
    );
  return children(request.data);
}
