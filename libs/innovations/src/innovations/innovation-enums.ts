import { registerEnumType } from '@nestjs/graphql';

/** DRAFT -> PUBLISHED -> ARCHIVED. Only published innovations are seen outside the origin agency. */
export enum InnovationStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** How far the innovation has come at its origin. */
export enum InnovationStage {
  INITIATIVE = 'INITIATIVE',
  TRIAL = 'TRIAL',
  IMPLEMENTED = 'IMPLEMENTED',
}

export enum InnovationOrder {
  /** Best match of the search words first (newest first without a search). */
  RELEVANCE = 'RELEVANCE',
  /** Most recently published first. */
  NEWEST = 'NEWEST',
  /** Most replications first. */
  MOST_REPLICATED = 'MOST_REPLICATED',
}

registerEnumType(InnovationStatus, { name: 'InnovationStatus' });
registerEnumType(InnovationStage, { name: 'InnovationStage' });
registerEnumType(InnovationOrder, { name: 'InnovationOrder' });
