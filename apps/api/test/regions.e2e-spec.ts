import { errorCode, startTestApi, type TestApi } from './api-harness';

describe('regions (GraphQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('lists exactly 38 provinces and 514 regencies/cities', async () => {
    const res = await api.gql<{
      provinces: Array<{ code: string; regencies: Array<{ code: string; kind: string }> }>;
    }>('{ provinces { code name regencies { code kind } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.provinces).toHaveLength(38);
    expect(res.data!.provinces.flatMap((p) => p.regencies)).toHaveLength(514);
  });

  it('finds a province by code with its regencies, and the regencies of a province', async () => {
    const res = await api.gql<{
      province: { name: string };
      regencies: Array<{ name: string; kind: string; provinceCode: string }>;
    }>('{ province(code: "35") { name } regencies(provinceCode: "35") { name kind provinceCode } }');
    expect(res.data!.province.name).toBe('Jawa Timur');
    expect(res.data!.regencies).toHaveLength(38);
    expect(res.data!.regencies).toContainEqual({
      name: 'Kabupaten Banyuwangi',
      kind: 'KABUPATEN',
      provinceCode: '35',
    });
    expect(res.data!.regencies.filter((r) => r.kind === 'KOTA')).toHaveLength(9);
  });

  it('answers unknown and malformed codes with clear errors', async () => {
    expect(errorCode(await api.gql('{ regencies(provinceCode: "99") { code } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql('{ province(code: "abc") { code } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql('{ province(code: "99") { code } }'))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql('{ province(code: 35) { code } }'))).toBe('BAD_USER_INPUT');
  });
});
