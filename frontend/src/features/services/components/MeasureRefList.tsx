//! The measures of community plans that name a service or an organization, linked.
import { Link } from 'react-router';
import type { ServiceDetail } from '../api/services';

export function MeasureRefList({ measures, empty }: { measures: ServiceDetail['measures']; empty: string }) {
  if (measures.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain-list">
      {measures.map((m) => (
        <li key={m.id}>
          <Link to={`/measures/${m.id}`}>
            <span className="code">{m.code}</span> {m.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
