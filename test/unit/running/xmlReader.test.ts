// The small XML reader of TCX/GPX: local names, attributes, entities, CDATA, comments; refuses
// only what makes the tree unknowable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { child, descendants, numberAt, readXml, textAt, XmlReadError } from '../../../shared/running/xmlReader.js';

describe('xmlReader', () => {
  test('elements by local name, attributes, entities, CDATA and comments', () => {
    const x = readXml(
      '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE a>\n<ns:a k=\'v\' ns:q="1 &lt; 2"><!-- c <b>x</b> --><b>T &amp; &#233;&#x20AC;</b><c/><b><![CDATA[<raw>]]></b></ns:a>'.replace('\uFEFF', ''),
    );
    assert.equal(x.name, 'a');
    assert.deepEqual(x.attrs, { k: 'v', q: '1 < 2' });
    assert.equal(textAt(x, 'b'), 'T & é€');
    assert.equal(descendants(x, 'b')[1]!.text, '<raw>');
    assert.ok(child(x, 'c'));
    assert.equal(numberAt(readXml('<a><n> 42.5 </n><m>x</m></a>'), 'n'), 42.5);
    assert.equal(numberAt(readXml('<a><n> 42.5 </n><m>x</m></a>'), 'm'), undefined);
  });

  test('truncated or malformed input is refused with its kind', () => {
    const kind = (s: string): string => {
      try {
        readXml(s);
        return 'ok';
      } catch (e) {
        assert.ok(e instanceof XmlReadError);
        return e.kind;
      }
    };
    assert.equal(kind('<a><b>1</b>'), 'truncated');
    assert.equal(kind('<a><b>1</b><c'), 'truncated');
    assert.equal(kind('<a><!-- no end'), 'truncated');
    assert.equal(kind('<a><b></a></b>'), 'malformed');
    assert.equal(kind('<a/><b/>'), 'malformed');
    assert.equal(kind('just text'), 'malformed');
    assert.equal(kind('<a>ok</a>'), 'ok');
  });
});
