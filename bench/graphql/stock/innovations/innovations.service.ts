import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { encodeCursor, sqlDateTime } from '../common/cursor';
import { Region } from '../regions/region.entity';
import type { InnovationConnection } from './innovation-connection.type';
import { InnovationAward } from './innovation-award.entity';
import { Innovation } from './innovation.entity';

@Injectable()
export class InnovationsService {
  constructor(
    @InjectRepository(Innovation) private readonly innovations: Repository<Innovation>,
    @InjectRepository(InnovationAward) private readonly awards: Repository<InnovationAward>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
  ) {}

  /** The newest published innovations with their category and origin agency. */
  async findPage(first: number): Promise<InnovationConnection> {
    const rows = await this.innovations.find({
      where: { status: 'PUBLISHED' },
      relations: { category: true, originAgency: true },
      order: { listedAt: 'DESC', id: 'DESC' },
      take: first + 1,
    });
    const edges = rows.slice(0, first).map((node) => ({
      node,
      cursor: encodeCursor([sqlDateTime(node.listedAt), node.id]),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  async findBySlug(slug: string): Promise<Innovation> {
    const innovation = await this.innovations.findOne({
      where: { slug, status: 'PUBLISHED' },
      relations: { category: true, originAgency: true },
    });
    if (!innovation) throw new NotFoundException(`Innovation ${slug} not found`);
    return innovation;
  }

  findAwards(innovationId: number): Promise<InnovationAward[]> {
    return this.awards.find({ where: { innovationId }, order: { year: 'DESC', id: 'ASC' } });
  }

  findRegion(code: string): Promise<Region | null> {
    return this.regions.findOneBy({ code });
  }
}
