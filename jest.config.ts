/** @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"module": "commonjs", "moduleResolution": "node10", "ignoreDeprecations": "6.0"}} */
import type { Config } from 'jest';

/**
 * Our TypeScript goes through ts-jest (type-checking is `tsc --noEmit` in `npm run lint`); the
 * ESM-only packages of Nest 12 go through swc into CommonJS, since Jest on Node 20 cannot require ESM.
 */
const ESM_PACKAGES = ['@nestjs', 'fast-check', 'content-disposition'];

const shared: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
    '^.+\\.m?js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript', importMeta: true }, target: 'es2022' },
        module: { type: 'commonjs', importInterop: 'node' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: { '^@jipp/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

const config: Config = {
  cacheDirectory: '<rootDir>/.jest-cache',
  // a global option: Jest ignores it inside a project. Boots, argon2 and CLI runs take seconds.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      // bench/test: a smoke of every benchmark, so they cannot rot
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    // `npm run chaos` (scripts/chaos.sh) only: the long fault runs are never part of `npm test`
    ...(process.env['JIPP_CHAOS'] === '1'
      ? [
          {
            ...shared,
            displayName: 'chaos',
            testMatch: ['<rootDir>/apps/**/*.chaos-spec.ts'],
            globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
            globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
          },
        ]
      : []),
  ],
};

export default config;
