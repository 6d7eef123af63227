// ESLint for the web app: the recommended JavaScript, TypeScript and React hooks rules, and the
// import rules that keep modules depending one way (`npm run lint`, a gate in scripts/test.sh).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Which features each feature may import from, lowest first. A feature never imports one above it,
 * so no two features reach each other, directly or through others:
 *
 *   auth, users, api-keys, plans   nothing but the shared layer
 *   account                        nothing but the shared layer (the e-mailed reset and confirmation links)
 *   territories                    users (coordinators are chosen among accounts)
 *   services                       territories (the network of social services: the catalogue filters by territory)
 *   working-groups                 users (members are chosen among accounts), territories (a group's place)
 *   consultation                   plans (comments are about a plan's texts, in its tree)
 *   meetings                       working-groups (a group's meetings), consultation (comments on one)
 *   goals                          plans, working-groups (the group a goal belongs to), consultation
 *   measures                       goals, plans, working-groups, consultation, services (the services and organizations a measure names)
 *   versions                       plans (a plan's versions and what changed between them), consultation (the comments behind a change)
 *   surveys                        territories (where a survey lies), plans (the plan whose needs analysis it is)
 *   plan-page                      plans, working-groups, consultation, versions, surveys (the plan page puts them together)
 *   territory-page                 territories, plans, working-groups, meetings, services (the territory page)
 *
 * The shared layer (lib, components, i18n) imports no feature; app (the shell and the router) sits
 * on top and may import anything. Where a change in one feature must refresh another's data, the
 * lower feature's api module exports an `invalidate…` function for it.
 */
const FEATURES = {
  auth: [],
  users: [],
  'api-keys': [],
  subscriptions: [],
  account: ['subscriptions', 'plans', 'working-groups', 'territories'],
  territories: ['users'],
  services: ['territories'],
  plans: ['territories'],
  'working-groups': ['users', 'territories', 'subscriptions'],
  consultation: ['plans'],
  meetings: ['working-groups', 'consultation'],
  goals: ['plans', 'working-groups', 'consultation'],
  measures: ['goals', 'plans', 'working-groups', 'consultation', 'services'],
  versions: ['plans', 'consultation'],
  needs: ['territories', 'working-groups', 'measures'],
  surveys: ['territories', 'plans'],
  reports: ['plans', 'measures'],
  'action-plans': ['plans', 'measures'],
  'plan-page': ['plans', 'working-groups', 'consultation', 'versions', 'needs', 'surveys', 'subscriptions', 'reports', 'action-plans'],
  'territory-page': ['territories', 'plans', 'working-groups', 'meetings', 'services', 'subscriptions'],
};

const featureZones = Object.entries(FEATURES).map(([feature, allowed]) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [feature, ...allowed].map((f) => `./${f}`),
  message: `features/${feature} may import only from ${allowed.length ? allowed.join(', ') : 'no other feature'} (see FEATURES in eslint.config.js).`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-cycle': 'error',
      // typescript-eslint, import-x and axe export their main object both as default and named.
      'import-x/no-named-as-default': 'off',
      'import-x/no-named-as-default-member': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones,
            {
              target: ['./src/lib', './src/components', './src/i18n'],
              from: ['./src/features', './src/app'],
              message: 'The shared layer (lib, components, i18n) imports no feature and not the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**', 'scripts/**', 'vite.config.ts', 'eslint.config.js'],
    // The browser tests also hand functions to page.evaluate, which run in the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
