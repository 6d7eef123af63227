import { PageTitle } from './PageTitle';

/** A page in the narrow reading column under its title: the forms, and what they show instead. */
export function NarrowPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {children}
    </div>
  );
}
