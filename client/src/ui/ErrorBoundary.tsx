import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the route) clears a caught error, so navigating away recovers. */
  resetKey?: string;
}

interface State {
  error: Error | undefined;
  resetKey: string | undefined;
}

/** Catches render errors below it and shows what happened with a way out — never a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: undefined, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="error-page" role="alert">
        <h2>Something went wrong on this page</h2>
        <p>{error.message || 'An unexpected error occurred.'}</p>
        <div className="row">
          <button type="button" className="button button-primary" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </section>
    );
  }
}
