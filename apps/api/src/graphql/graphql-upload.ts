import { AppError, ErrorCode } from '@jipp/core';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { GraphQLScalarType, type GraphQLScalarTypeConfig } from 'graphql';
import { type FileUpload, GraphQLUpload, processRequest } from 'graphql-upload-minimal';

/** Uploads larger than this are refused with BAD_USER_INPUT. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Apollo's CSRF prevention: a multipart request must carry one of these, non-empty. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * What an `Upload` argument holds: the file, once its part of the request arrives. In a box: Nest
 * awaits an argument that is itself a promise before any pipe or the resolver runs, so a file that
 * never came (a multipart map naming a missing part) failed there, as an internal error.
 */
export interface PendingUpload {
  readonly file: PromiseLike<FileUpload>;
}

/** The `Upload` scalar of graphql-upload-minimal (same name and text in the schema), boxing its value. */
export const UploadScalar = new GraphQLScalarType<PendingUpload, never>({
  ...(GraphQLUpload.toConfig() as GraphQLScalarTypeConfig<PendingUpload, never>),
  parseValue: (value) => ({ file: GraphQLUpload.parseValue(value) as PromiseLike<FileUpload> }),
});

export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

const isMultipart = (contentType: string | undefined): boolean =>
  /^multipart\/form-data\s*;/i.test(contentType ?? '');

/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec) on
 * `path` only: Fastify lets the body through unparsed, and a preValidation hook turns it into the
 * operation with `Upload` placeholders (graphql-upload-minimal) before Apollo sees it. Requests
 * without Apollo's preflight header are left to Apollo, which refuses them (CSRF prevention).
 */
export function registerGraphqlUploads(
  fastify: FastifyInstance,
  options: { path: string; maxFileBytes: number },
): void {
  fastify.addContentTypeParser('multipart/form-data', (request, _payload, done) => {
    if (request.routeOptions.url === options.path) {
      done(null, undefined);
      return;
    }
    done(new UnsupportedMediaTypeException('multipart/form-data is taken on the GraphQL endpoint only.'));
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (request.routeOptions.url !== options.path || !isMultipart(request.headers['content-type'])) return;
    const preflighted = PREFLIGHT_HEADERS.some((name) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length > 0;
    });
    if (!preflighted) return;
    try {
      // one byte more than allowed, so that readUpload can tell "too large" from "exactly the limit"
      request.body = await processRequest(request.raw, reply.raw, {
        maxFileSize: options.maxFileBytes + 1,
        maxFiles: 1,
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      const message = error instanceof Error ? error.message : 'The multipart request could not be read.';
      await reply
        .code(status && status >= 400 && status < 500 && status !== 499 ? status : 400)
        .send({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      return reply;
    }
  });
}

const tooLarge = (maxBytes: number): AppError =>
  AppError.badInput(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, [
    { field: 'file', message: `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` },
  ]);

/** The file of a pending upload; BAD_USER_INPUT when the multipart request never delivers it. */
async function uploadArrived(upload: PendingUpload): Promise<FileUpload> {
  try {
    return await upload.file;
  } catch (error) {
    throw AppError.badInput(
      `The file did not arrive: ${error instanceof Error ? error.message : String(error)}`,
      [{ field: 'file', message: 'is missing' }],
    );
  }
}

/** Reads an uploaded file into memory; BAD_USER_INPUT when it is missing, cut off or larger than `maxBytes`. */
export async function readUpload(upload: PendingUpload, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadedFile> {
  const file = await uploadArrived(upload);
  const parts: Buffer[] = [];
  let size = 0;
  try {
    const stream = file.createReadStream();
    for await (const part of stream as AsyncIterable<Buffer>) {
      size += part.length;
      if (size > maxBytes) {
        stream.destroy();
        throw tooLarge(maxBytes);
      }
      parts.push(part);
    }
    if ((stream as { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { status?: number }).status === 413) throw tooLarge(maxBytes);
    throw AppError.badInput(
      `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
      [{ field: 'file', message: 'could not be read' }],
    );
  }
  return { filename: file.filename, mimetype: file.mimetype, content: Buffer.concat(parts) };
}
