export * from './region.entity';
export * from './region.types';
export * from './region-code';
export * from './region-source';
export * from './regions.service';
export * from './regions.module';
