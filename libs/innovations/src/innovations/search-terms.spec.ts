import { booleanModeQuery, MAX_SEARCH_TERMS, searchTerms } from './search-terms';

describe('searchTerms', () => {
  it('keeps Indonesian words, lower-cased and unique', () => {
    expect(searchTerms('Antrean AKTA kelahiran, antrean!')).toEqual(['antrean', 'akta', 'kelahiran']);
  });

  it('drops words the full-text index cannot see and boolean operators', () => {
    expect(searchTerms('+di -ke "izin" (usaha)* ~kb @abc')).toEqual(['izin', 'usaha', 'abc']);
    expect(searchTerms('di ke ya')).toEqual([]);
  });

  it('caps the number of terms', () => {
    const many = Array.from({ length: 20 }, (_, i) => `kata${i}`).join(' ');
    expect(searchTerms(many)).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('builds a prefix query with no operator from the user', () => {
    expect(booleanModeQuery(searchTerms('antrean* +akta'))).toBe('antrean* akta*');
  });
});
