//! Territories (území) and the coordinators assigned to them: queries, keys, mutations, and the tree
//! the flat list makes (region → ORP → municipality, microregions, other places).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';

export type Territory = Schemas['Territory'];
export type TerritoryKind = Schemas['TerritoryKind'];
export type Coordinator = Schemas['Coordinator'];

/** The kinds in the order a tree lists them: the larger places first. */
export const KINDS: TerritoryKind[] = ['region', 'orp', 'municipality', 'microregion', 'other'];

export const territoryKeys = {
  all: ['territories'] as const,
  list: () => [...territoryKeys.all, 'list'] as const,
  detail: (id: string) => [...territoryKeys.all, 'detail', id] as const,
  children: (id: string) => [...territoryKeys.all, 'children', id] as const,
  coordinators: (id: string) => [...territoryKeys.all, 'coordinators', id] as const,
};

/** Every territory query, after a territory or an assignment changes (a move changes many trees). */
const invalidateTerritories = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: territoryKeys.all });

/** Every territory, all pages: the admin tree and the parent choices are made from it. */
export const territoriesQuery = () =>
  queryOptions({
    queryKey: territoryKeys.list(),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/territories', { params: { query } }))),
  });

export const territoryQuery = (id: string) =>
  queryOptions({
    queryKey: territoryKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/territories/{id}', { params: { path: { id } } })),
  });

/** The territories directly below `id`. */
export const childrenQuery = (id: string) =>
  queryOptions({
    queryKey: territoryKeys.children(id),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/territories', { params: { query: { ...query, parent_id: id } } }))),
  });

/** The coordinators assigned to a territory (admins only). */
export const coordinatorsQuery = (id: string) =>
  queryOptions({
    queryKey: territoryKeys.coordinators(id),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/territories/{id}/coordinators', { params: { path: { id }, query } }))),
  });

/** Creates a territory, or saves `territory` (`If-Match` its version) when given. */
export const useSaveTerritory = () =>
  useWrite(
    ({ territory, body }: { territory?: Territory; body: Schemas['TerritoryCreate'] }) =>
      territory
        ? unwrap(
            api.PATCH('/api/v1/territories/{id}', { params: { path: { id: territory.id }, header: ifMatch(territory.version) }, body }),
          )
        : unwrap(api.POST('/api/v1/territories', { body })),
    invalidateTerritories,
  );

/** Deletes a territory; the API refuses (409 `in_use`) while anything lies below it or uses it. */
export const useDeleteTerritory = () =>
  useWrite(
    async (territory: Territory) => {
      const { error, response } = await api.DELETE('/api/v1/territories/{id}', {
        params: { path: { id: territory.id }, header: ifMatch(territory.version) },
      });
      if (!response.ok) throw toApiError(error, response);
    },
    invalidateTerritories,
  );

export const useAssignCoordinator = () =>
  useWrite(
    ({ territoryId, userId }: { territoryId: string; userId: string }) =>
      unwrap(api.POST('/api/v1/territories/{id}/coordinators', { params: { path: { id: territoryId } }, body: { user_id: userId } })),
    invalidateTerritories,
  );

export const useUnassignCoordinator = () =>
  useWrite(
    async ({ territoryId, userId }: { territoryId: string; userId: string }) => {
      const { error, response } = await api.DELETE('/api/v1/territories/{id}/coordinators/{user_id}', {
        params: { path: { id: territoryId, user_id: userId } },
      });
      if (!response.ok) throw toApiError(error, response);
    },
    invalidateTerritories,
  );

export interface TerritoryNode {
  territory: Territory;
  children: TerritoryNode[];
}

/**
 * The flat list as a tree: top territories (no parent, or one the list lacks) at the root, each
 * level by kind (region before ORP before municipality …) then by name in Czech collation.
 */
export function buildTree(territories: Territory[], locale = 'cs'): TerritoryNode[] {
  const collator = new Intl.Collator(locale);
  const nodes = new Map(territories.map((t) => [t.id, { territory: t, children: [] as TerritoryNode[] }]));
  const roots: TerritoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.territory.parent_id ? nodes.get(node.territory.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TerritoryNode[]) => {
    list.sort(
      (a, b) =>
        KINDS.indexOf(a.territory.kind) - KINDS.indexOf(b.territory.kind) || collator.compare(a.territory.name, b.territory.name),
    );
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** The tree in reading order, each territory with its depth (0 at the top). */
export function flatten(tree: TerritoryNode[], depth = 0): { territory: Territory; depth: number }[] {
  return tree.flatMap((n) => [{ territory: n.territory, depth }, ...flatten(n.children, depth + 1)]);
}

/** The ids of `id` and every territory below it: a territory may not move under any of them. */
export function selfAndBelow(territories: Territory[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of territories)
      if (t.parent_id && out.has(t.parent_id) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
  }
  return out;
}

/** Every territory in tree order, labelled with the way down to it ("Moravskoslezský kraj ›
 * Statutární město Ostrava"), so a flat select still tells the places apart. */
export function withPaths(territories: Territory[], locale = 'cs'): { territory: Territory; path: string }[] {
  const out: { territory: Territory; path: string }[] = [];
  const walk = (nodes: TerritoryNode[], above: string) =>
    nodes.forEach((n) => {
      const path = above ? `${above} › ${n.territory.name}` : n.territory.name;
      out.push({ territory: n.territory, path });
      walk(n.children, path);
    });
  walk(buildTree(territories, locale), '');
  return out;
}
