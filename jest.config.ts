/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  // ts-jest only transpiles; `tsc --noEmit` in `npm test` is the type check.
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 30_000,
  // Pact's native core and the sandbox servers are heavy; two workers match the two cores CI has.
  maxWorkers: 2,
};

export default config;
