import { useEffect } from 'react';

/** The page's h1, also written into document.title. */
export function PageTitle({ children, title }: { children: React.ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} – Spoluplán`;
  }, [title]);
  return <h1>{children}</h1>;
}
