//! The breadcrumb of the territories above one: each crumb loads its own territory and puts its
//! parent's crumbs before itself, so the top territory comes first.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { territoryQuery } from '../../territories/api/territories';

/** No real tree is this deep (kraj → ORP → obec); a longer chain is a loop in the data, cut here. */
const MAX_DEPTH = 8;

export function ParentCrumbs({ id, depth = 0 }: { id: string; depth?: number }) {
  const { data } = useQuery(territoryQuery(id));
  if (!data) return null;
  return (
    <>
      {data.parent_id && depth < MAX_DEPTH && (
        <>
          <ParentCrumbs id={data.parent_id} depth={depth + 1} />
          {' › '}
        </>
      )}
      <Link to={`/territories/${data.id}`}>{data.name}</Link>
    </>
  );
}
