import { CurrentUser, OptionalUser, Public, Role, Roles, type AuthUser } from '@jipp/core';
import { InnovationExportService, InnovationImportService } from '@jipp/innovations';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MAX_UPLOAD_BYTES, type PendingUpload, readUpload, UploadScalar } from '../graphql/graphql-upload';
import { ImportReport } from './innovation-transfer.types';

/** The GraphQL answer is one string: past this the export is refused (the CLI streams any size). */
const MAX_EXPORT_BYTES = 32 * 1024 * 1024;

/** Bulk import of innovations from CSV/XLSX, and the open-data CSV export of the catalogue. */
@Resolver()
export class InnovationTransferResolver {
  constructor(
    private readonly importer: InnovationImportService,
    private readonly exporter: InnovationExportService,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => ImportReport, {
    description:
      'Imports innovations from a CSV or XLSX file (multipart upload, at most 10 MB; send the apollo-require-preflight header) into the published catalogue. A file with an invalid row writes nothing unless skipInvalid; rows already in the catalogue are skipped.',
  })
  async importInnovations(
    @CurrentUser() actor: AuthUser,
    // typed as an interface, so the validation pipe leaves the pending upload alone
    @Args({ name: 'file', type: () => UploadScalar }) file: PendingUpload,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) dryRun: boolean | null,
    @Args('skipInvalid', { type: () => Boolean, nullable: true, defaultValue: false })
    skipInvalid: boolean | null,
  ): Promise<ImportReport> {
    const { content } = await readUpload(file, MAX_UPLOAD_BYTES);
    return this.importer.importFile(content, {
      actorUserId: actor.id,
      dryRun: dryRun ?? false,
      skipInvalid: skipInvalid ?? false,
    });
  }

  @Public()
  @Query(() => String, {
    description:
      'The published catalogue as CSV (open data): # rows documenting each column, the header row, one row per innovation; the format importInnovations reads. Contact columns are filled for signed-in users only. Refused past 32 MB; operators export any size with `npm run cli -- export innovations`.',
  })
  innovationExport(@OptionalUser() viewer: AuthUser | undefined): Promise<string> {
    return this.exporter.csvText({ includeContacts: viewer !== undefined }, MAX_EXPORT_BYTES);
  }
}
