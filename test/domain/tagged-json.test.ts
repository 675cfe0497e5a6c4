import { describe, expect, it } from 'vitest';
import { decodeTagged, encodeTagged } from '../../source/domain/tagged-json.js';

describe('tagged JSON', () => {
  it('keeps Maps, Sets and Dates, nested, through a round trip', () => {
    const value = { at: new Date(1_700_000_000_000), byId: new Map([['i-1', { seen: new Set(['a', 'b']), when: new Date(5) }]]), list: [new Date(7)], n: 3 };
    const back = decodeTagged(encodeTagged(value)) as typeof value;
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.getTime()).toBe(1_700_000_000_000);
    expect(back.byId).toBeInstanceOf(Map);
    expect(back.byId.get('i-1')?.seen).toEqual(new Set(['a', 'b']));
    expect(back.byId.get('i-1')?.when.getTime()).toBe(5);
    expect(back.list[0]?.getTime()).toBe(7);
    expect(back.n).toBe(3);
  });

  it('leaves plain objects that only look tagged alone when they have more keys', () => {
    expect(decodeTagged('{"$date": 1, "x": 2}')).toEqual({ $date: 1, x: 2 });
    expect(decodeTagged('{"$date": "soon"}')).toEqual({ $date: 'soon' });
  });

  it('drops undefined fields as JSON does', () => {
    expect(encodeTagged({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
