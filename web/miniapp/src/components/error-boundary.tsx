import { Component, type ReactNode } from "react";

interface Props {
  /** Rendered instead of the children after a render error; gets a way to start over. */
  fallback(reset: () => void): ReactNode;
  children: ReactNode;
}

/** One broken component must not leave a blank white page inside Telegram (React logs the error itself). */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}
