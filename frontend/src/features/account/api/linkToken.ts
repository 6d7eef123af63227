//! The token of an e-mailed link travels in the URL fragment (`#token=…`), which browsers never send
//! to a server. It is read once and then removed from the address bar, so it does not linger in the
//! history, in bookmarks or on a shared screen.
import { useEffect, useState } from 'react';

export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token?.trim() ? token.trim() : null;
}

export function useLinkToken(): string | null {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    if (!window.location.hash) return;
    // Keep the router's own history state; only the fragment goes.
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}
