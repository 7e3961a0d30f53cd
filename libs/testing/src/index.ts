export * from './factories';
export * from './test-environment';
export * from './isolated-database';
export * from './analytics-app';
