import { expect } from '@open-wc/testing';
import { jsonErrorPlace, placeAt } from '../../demo/playground/json-error.js';

/** JSON.parse's own message for the text (this browser's words). */
function messageOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the text is valid JSON');
}

describe('playground: where JSON.parse stopped', () => {
  const text = '{\n  "a": 1,\n  b: 2\n}';

  it("takes the place from this browser's message", () => {
    expect(jsonErrorPlace(messageOf(text), text)).to.deep.equal({ from: 14, line: 3, column: 3 });
  });

  it('derives line and column from a position when the message gives only that', () => {
    const message = 'Expected double-quoted property name in JSON at position 14';
    expect(jsonErrorPlace(message, text)).to.deep.equal({ from: 14, line: 3, column: 3 });
  });

  it("reads Firefox's line and column", () => {
    const message = 'JSON.parse: expected double-quoted property name at line 3 column 3 of the JSON data';
    expect(jsonErrorPlace(message, text)).to.deep.equal({ from: 14, line: 3, column: 3 });
  });

  it('puts "end of input" at the end, and a position past the end there too', () => {
    expect(jsonErrorPlace('Unexpected end of JSON input', '{\n  "a": 1')).to.deep.equal({
      from: 10,
      line: 2,
      column: 9,
    });
    expect(jsonErrorPlace('Unterminated string in JSON at position 99', '"abc')).to.deep.equal({
      from: 4,
      line: 1,
      column: 5,
    });
  });

  it('names no place when the message names none', () => {
    expect(jsonErrorPlace(`Unexpected token 'x', "x" is not valid JSON`, 'x')).to.equal(undefined);
  });

  it('counts lines and columns from 1', () => {
    expect(placeAt('ab\ncd', 0)).to.deep.equal({ from: 0, line: 1, column: 1 });
    expect(placeAt('ab\ncd', 3)).to.deep.equal({ from: 3, line: 2, column: 1 });
  });
});
