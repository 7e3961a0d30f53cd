import { HeaderMap, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { serviceUnavailableStatusPlugin } from './service-unavailable-status.plugin';

const unavailable: GraphQLFormattedError = {
  message: 'The service is briefly unavailable.',
  extensions: { code: 'SERVICE_UNAVAILABLE' },
};
const forbidden: GraphQLFormattedError = { message: 'No.', extensions: { code: 'FORBIDDEN' } };

async function statusOf(
  data: Record<string, unknown> | null | undefined,
  errors: GraphQLFormattedError[] | undefined,
): Promise<{ status?: number; retryAfter?: string }> {
  const http = { status: undefined as number | undefined, headers: new HeaderMap() };
  const response = { http, body: { kind: 'single', singleResult: { data, errors } } };
  const listener = await serviceUnavailableStatusPlugin().requestDidStart!({} as never);
  await listener!.willSendResponse!({ response } as unknown as GraphQLRequestContextWillSendResponse<never>);
  return { status: http.status, retryAfter: http.headers.get('retry-after') };
}

describe('serviceUnavailableStatusPlugin', () => {
  it('answers 503 with Retry-After when the operation failed only for an unavailable service', async () => {
    expect(await statusOf(null, [unavailable])).toEqual({ status: 503, retryAfter: '5' });
    expect(await statusOf({ me: null }, [unavailable, unavailable])).toEqual({
      status: 503,
      retryAfter: '5',
    });
  });

  it('leaves partial answers, other errors and successes alone', async () => {
    expect(await statusOf({ me: { id: 1 }, other: null }, [unavailable])).toEqual({});
    expect(await statusOf(null, [unavailable, forbidden])).toEqual({});
    expect(await statusOf(null, [forbidden])).toEqual({});
    expect(await statusOf({ me: { id: 1 } }, undefined)).toEqual({});
  });
});
