export * from './factories';
export * from './test-environment';
