/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Transpile only: `npm test` type-checks the whole project with tsc first.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 20000,
  // chrono-node's English entry point, as Node resolves it from the package's "exports" (Jest 29's
  // resolver does not find it there): the same file, so tests run what the bot runs.
  moduleNameMapper: { '^chrono-node/en$': '<rootDir>/node_modules/chrono-node/dist/cjs/locales/en/index.js' },
};
