//! A table that may scroll sideways (at 320 px): focusable and named, so keyboard users can scroll
//! it with the arrow keys and screen readers say what it holds.
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
