export * from './factories';
export * from './test-environment';
export * from './isolated-database';
