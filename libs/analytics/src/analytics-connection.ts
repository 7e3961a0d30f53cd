/** The TypeORM data source analytics read from: a read replica when configured, else the primary. */
export const ANALYTICS_CONNECTION = 'analytics';
