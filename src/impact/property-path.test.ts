import { isWithin, jsonPathToSegments, parsePropertyPath, pointerToSegments } from './property-path';

describe('property paths', () => {
  it('reads the drift engine form, schema pointers and pact JSONPaths into the same segments', () => {
    const expected = ['data', '[]', 'merchant_name'];
    expect(parsePropertyPath('data[].merchant_name')).toEqual(expected);
    expect(pointerToSegments('/properties/data/items/properties/merchant_name')).toEqual(expected);
    expect(pointerToSegments('/properties/data/items/allOf/1/properties/merchant_name')).toEqual(expected);
    expect(jsonPathToSegments('$.data[*].merchant_name')).toEqual(expected);
    expect(jsonPathToSegments("$['data'][0]['merchant_name']")).toEqual(expected);
    expect(parsePropertyPath('[].id')).toEqual(['[]', 'id']);
    expect(jsonPathToSegments('not a path')).toBeNull();
  });

  it('treats a path inside the target, or under a wildcard key, as within it', () => {
    expect(isWithin(['data', '[]', 'state'], ['data'])).toBe(true);
    expect(isWithin(['data'], ['data', '[]', 'state'])).toBe(false);
    expect(isWithin(['meta', '*'], ['meta', 'owner'])).toBe(true);
    expect(isWithin(['data', '[]'], ['data', '*'])).toBe(false);
  });
});
