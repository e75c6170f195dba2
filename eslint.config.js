// Lint for the whole repo: typescript-eslint's recommended rules, type-aware promise and switch checks, and the
// import boundaries that keep the layers pointing downward (docs/ARCHITECTURE.md, "Layers").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const typeAware = { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } };

const promiseRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
};

// Server layers, top to bottom: server.ts/main.ts (wiring) -> http, realtime -> jobs -> commands -> domain -> db,
// security. Nothing below may import what is above it.
const ABOVE_DOMAIN = ['http', 'realtime', 'commands', 'jobs'];
const WIRING = ['context.js', 'server.js', 'main.js'];

// Domain capabilities, top to bottom; each may import only those listed for it (and core).
const CAPABILITIES = {
  core: [],
  staff: ['core'],
  conversations: ['staff', 'core'],
  matching: ['staff', 'core'],
  privacy: ['staff', 'core'],
  moderation: ['conversations', 'matching', 'privacy', 'staff', 'core'],
  console: ['moderation', 'conversations', 'matching', 'privacy', 'staff', 'core'],
};

/** `no-restricted-imports` that refuses relative imports of these folders/files, with why. */
function refuse(specifiers, why) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: specifiers, message: why }] }] };
}

const domainBoundaries = Object.entries(CAPABILITIES).map(([capability, allowed]) => {
  const refused = Object.keys(CAPABILITIES).filter((c) => c !== capability && !allowed.includes(c));
  return {
    files: [`server/src/domain/${capability}/**/*.ts`],
    rules: refuse(
      [
        ...refused.map((c) => `../${c}/*`),
        ...ABOVE_DOMAIN.map((d) => `**/src/${d}/*`),
        ...ABOVE_DOMAIN.map((d) => `../../${d}/*`),
        ...WIRING.map((f) => `../../${f}`),
      ],
      `domain/${capability} may import only ${allowed.length ? allowed.join(', ') : 'nothing else in domain'} (and db, security, config, logger); never http, realtime, commands, jobs or the wiring.`,
    ),
  };
});

export default tseslint.config(
  { ignores: ['.*.mjs', '.*.js', '**/dist/**', '**/node_modules/**', 'data/**', 'bench/results/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: typeAware,
    rules: { ...promiseRules, '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: typeAware,
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...promiseRules,
      // JSX handlers may be async; the promise is the handler's own business (each catches what it must).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Unit tests beside the server code are compiled by tests/tsconfig.json (the server's own excludes them).
    files: ['tests/**/*.ts', 'server/src/**/*.test.ts', 'shared/src/**/*.test.ts'],
    languageOptions: { parserOptions: { project: './tests/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: promiseRules,
  },
  // ---- import boundaries
  ...domainBoundaries,
  {
    files: ['server/src/commands/**/*.ts'],
    rules: refuse(
      ['../http/*', '../realtime/*', '../jobs/*', '../server.js', '../main.js'],
      'commands use domain (and other commands); they never reach up into http, realtime, jobs or the wiring.',
    ),
  },
  {
    files: ['server/src/jobs/**/*.ts'],
    rules: refuse(['../http/*', '../realtime/*', '../server.js', '../main.js'], 'jobs run commands and domain flows; never http, realtime or the wiring.'),
  },
  {
    files: ['server/src/http/**/*.ts'],
    rules: refuse(
      ['**/realtime/*', '**/db/schema.js', '**/jobs/*', '**/server.js', '**/main.js'],
      'http tells clients through ctx.live, reads storage through domain functions, and is wired by server.ts.',
    ),
  },
  {
    files: ['server/src/realtime/**/*.ts'],
    rules: refuse(
      ['../http/*', '../db/schema.js', '../jobs/*', '../server.js', '../main.js'],
      'realtime reads storage through domain functions and is wired by server.ts.',
    ),
  },
  {
    files: ['server/src/db/**/*.ts', 'server/src/security/**/*.ts'],
    rules: refuse(
      ['../domain/*', '../http/*', '../realtime/*', '../commands/*', '../jobs/*', '../context.js', '../server.js'],
      'db and security are the bottom layer: they import nothing of the layers above.',
    ),
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: refuse(['**/server/**', '**/client/**', '@beside/server', '@beside/client'], 'shared/ is the contract: it imports nothing of the server or the client.'),
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: refuse(['**/server/**', '@beside/server'], 'The client talks to the server through @beside/shared and the network only.'),
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
