import { Agency } from '@jipp/agencies';
import { AppError } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, MoreThan } from 'typeorm';
import { AwardsService } from '../awards/awards.service';
import { InnovationCategory } from '../categories/innovation-category.entity';
import { AgencyDirectory, type AgencyRef } from '../import/agency-directory';
import { INNOVATION_COLUMNS } from '../import/innovation-columns';
import { InnovationStatus } from '../innovations/innovation-enums';
import { Innovation } from '../innovations/innovation.entity';
import { csvLine } from './csv-text';

export interface ExportOptions {
  /** Contact details are for signed-in users: leave them out of a public export. */
  includeContacts: boolean;
  /** Called after each batch with the number of innovations written so far. */
  onRows?: (rows: number) => void;
}

/** Innovations read per statement: the export never holds the whole catalogue in memory. */
const BATCH = 500;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').replace(/"/g, "'");

/**
 * The documentation rows of the export: one line per column (`# name — English / Bahasa
 * Indonesia`), each starting with `#` so CSV readers can skip them (pandas `comment='#'`).
 */
export function exportDocumentation(generatedAt = new Date()): string {
  const lines = [
    `# JIPP — published public-service innovation catalogue / katalog inovasi pelayanan publik yang terbit. Generated / dibuat ${generatedAt.toISOString()}. UTF-8 CSV: these # rows document the columns; the header row follows; then one row per innovation.`,
    ...INNOVATION_COLUMNS.map((c) => `# ${c.name} — ${c.description.en} / ${c.description.id}`),
  ];
  return lines.map((line) => `${oneLine(line)}\n`).join('');
}

/** The open-data export of the published catalogue, as CSV in the format the import reads back. */
@Injectable()
export class InnovationExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly awards: AwardsService,
  ) {}

  /** The CSV in pieces: documentation and header, then one piece per batch of innovations, by id. */
  async *csv(options: ExportOptions): AsyncGenerator<string> {
    yield exportDocumentation() + csvLine(INNOVATION_COLUMNS.map((c) => c.name));
    let reference = await this.reference();
    let lastId = 0;
    let rows = 0;
    for (;;) {
      const batch = await this.dataSource.getRepository(Innovation).find({
        where: { status: InnovationStatus.PUBLISHED, id: MoreThan(lastId) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (batch.length === 0) return;
      // an agency or category added while the export runs
      if (
        batch.some(
          (i) => !reference.agencies.has(i.originAgencyId) || !reference.categories.has(i.categoryId),
        )
      ) {
        reference = await this.reference();
      }
      const awards = await this.awards.byInnovationIds(batch.map((i) => i.id));
      let text = '';
      for (const innovation of batch) {
        const agency = reference.agencies.get(innovation.originAgencyId)!;
        text += csvLine(
          INNOVATION_COLUMNS.map((column) =>
            column.write({
              innovation,
              category: reference.categories.get(innovation.categoryId)!,
              agency,
              agencyKey: reference.directory.keyOf(agency),
              awards: awards.get(innovation.id) ?? [],
              includeContacts: options.includeContacts,
            }),
          ),
        );
      }
      rows += batch.length;
      lastId = batch[batch.length - 1]!.id;
      yield text;
      options.onRows?.(rows);
    }
  }

  /** The whole CSV as one string; BAD_USER_INPUT past `maxBytes` (callers that can, stream `csv`). */
  async csvText(options: ExportOptions, maxBytes: number): Promise<string> {
    const pieces: string[] = [];
    let bytes = 0;
    for await (const piece of this.csv(options)) {
      bytes += Buffer.byteLength(piece);
      if (bytes > maxBytes) {
        throw AppError.badInput(
          `The catalogue export is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB; ask an operator for the file (npm run cli -- export innovations).`,
        );
      }
      pieces.push(piece);
    }
    return pieces.join('');
  }

  private async reference(): Promise<{
    agencies: Map<number, AgencyRef>;
    categories: Map<number, InnovationCategory>;
    directory: AgencyDirectory;
  }> {
    const agencies: AgencyRef[] = await this.dataSource.getRepository(Agency).find({
      select: {
        id: true,
        name: true,
        shortName: true,
        type: true,
        regionCode: true,
        provinceCode: true,
        active: true,
      },
    });
    const categories = await this.dataSource.getRepository(InnovationCategory).find();
    return {
      agencies: new Map(agencies.map((a) => [a.id, a])),
      categories: new Map(categories.map((c) => [c.id, c])),
      directory: new AgencyDirectory(agencies),
    };
  }
}
