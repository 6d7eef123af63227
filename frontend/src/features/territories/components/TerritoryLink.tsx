//! A link to a territory's public page, named after the territory (for answers that carry only
//! its id, such as a working group's).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { territoryQuery } from '../api/territories';

export function TerritoryLink({ id }: { id: string }) {
  const territory = useQuery(territoryQuery(id));
  return <Link to={`/territories/${id}`}>{territory.data?.name ?? '…'}</Link>;
}
