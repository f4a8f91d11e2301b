/**
 * The layers of "How it is built" (README), checked in `npm test` (`npm run check:layers`).
 * Type-only imports count: a type shared both ways ties two folders together all the same.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** The folders of lib/, top first: each may import only the folders after it. */
const LIB_LAYERS = [
  'page',
  'messaging',
  'sync',
  'publish',
  'storage',
  'library',
  'settings',
  'export',
  'extract',
  'assets',
  'markdown',
  'anchoring',
];

const upwardImports = LIB_LAYERS.slice(1).map((folder, index) => ({
  name: `lib-${folder}-imports-no-layer-above`,
  severity: 'error',
  comment: `lib/${folder} may import only the folders below it in LIB_LAYERS.`,
  from: { path: `^lib/${folder}/` },
  to: { path: `^lib/(${LIB_LAYERS.slice(0, index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      scope: 'folder',
      severity: 'error',
      comment: 'Two folders import each other: move what both need below them.',
      from: { path: '^(lib|components)/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upwardImports,
    {
      name: 'entrypoints-on-top',
      severity: 'error',
      comment: 'lib/ and components/ know no entrypoint: entrypoints wire them, never the reverse.',
      from: { path: '^(lib|components)/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'lib-knows-no-components',
      severity: 'error',
      comment: 'lib/ is plain TypeScript: it knows no component.',
      from: { path: '^lib/' },
      to: { path: '^components/' },
    },
    {
      name: 'components-only-display',
      severity: 'error',
      comment:
        'Components display what they are given; the database is reached through the background.',
      from: { path: '^components/' },
      to: { path: '^lib/storage/' },
    },
  ],
  options: {
    includeOnly: '^(lib|components|entrypoints)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
