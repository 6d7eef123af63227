//! The territories as nested lists (region → ORP → municipality), each named with its kind and
//! code, and whatever controls the page puts after it.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import type { Territory, TerritoryNode } from '../api/territories';

export function TerritoryTree({ nodes, actions, nested = false }: { nodes: TerritoryNode[]; actions?: (t: Territory) => ReactNode; nested?: boolean }) {
  return (
    <ul className={nested ? 'tree tree-nested' : 'tree'}>
      {nodes.map(({ territory, children }) => (
        <li key={territory.id}>
          <p className="territory-row">
            <TerritoryName territory={territory} />
            {actions?.(territory)}
          </p>
          {children.length > 0 && <TerritoryTree nodes={children} actions={actions} nested />}
        </li>
      ))}
    </ul>
  );
}

/** A territory's name linked to its public page, then its kind and official code. */
export function TerritoryName({ territory }: { territory: Territory }) {
  const t = useT();
  const kind = t(`territoryKind.${territory.kind}`);
  return (
    <span>
      <Link to={`/territories/${territory.id}`}>{territory.name}</Link>{' '}
      <span className="meta">
        ({territory.code ? t('territories.kindAndCode', { kind, code: territory.code }) : kind})
      </span>
    </span>
  );
}
