/**
 * A small, tolerant XML reader for sport-watch files (TCX, GPX): elements with their local names
 * (namespace prefixes dropped: `ns3:TPX` → `TPX`), attributes and text. Comments, processing
 * instructions, DOCTYPE and CDATA are handled; the five predefined and numeric character
 * references are decoded, others kept as written. Not a validating parser: it refuses only what
 * makes the tree unknowable — an element left open at the end (`truncated`: a cut-off download)
 * or a closing tag that does not match (`malformed`).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlReadError extends Error {
  override readonly name = 'XmlReadError';
  constructor(
    readonly kind: 'truncated' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

const localName = (n: string): string => n.slice(n.indexOf(':') + 1);

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parse `text` into its root element. Throws `XmlReadError`. */
export function readXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.text += decodeEntities(text.slice(i));
      break;
    }
    if (lt > i) top.text += decodeEntities(text.slice(i, lt));
    const skipTo = (end: string): number => {
      const j = text.indexOf(end, lt);
      if (j < 0) throw new XmlReadError('truncated', 'the file ends inside markup');
      return j + end.length;
    };
    if (text.startsWith('<!--', lt)) i = skipTo('-->');
    else if (text.startsWith('<![CDATA[', lt)) {
      const j = skipTo(']]>');
      top.text += text.slice(lt + 9, j - 3);
      i = j;
    } else if (text.startsWith('<?', lt)) i = skipTo('?>');
    else if (text.startsWith('<!', lt)) i = skipTo('>');
    else {
      const gt = text.indexOf('>', lt);
      if (gt < 0) throw new XmlReadError('truncated', 'the file ends inside a tag');
      const body = text.slice(lt + 1, gt);
      i = gt + 1;
      if (body.startsWith('/')) {
        const name = localName(body.slice(1).trim());
        const open = stack.pop();
        if (!open || open === root || open.name !== name) {
          throw new XmlReadError('malformed', `closing tag </${name.slice(0, 40)}> does not match <${(open?.name ?? '').slice(0, 40)}>`);
        }
        continue;
      }
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const m = /^[^\s/>]+/.exec(inner);
      if (!m) throw new XmlReadError('malformed', 'a tag without a name');
      const el: XmlElement = { name: localName(m[0]), attrs: {}, children: [], text: '' };
      for (const a of inner.slice(m[0].length).matchAll(ATTR)) el.attrs[localName(a[1]!)] = decodeEntities(a[2] ?? a[3] ?? '');
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length > 1) throw new XmlReadError('truncated', `<${stack[stack.length - 1]!.name.slice(0, 40)}> is not closed`);
  const el = root.children[0];
  if (!el || root.children.length > 1) throw new XmlReadError('malformed', 'the file has no single root element');
  return el;
}

/** The first child element named `name` (local name), or undefined. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every descendant element named `name`, in document order. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** The trimmed text of the first descendant on `path` (local names), or undefined. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  return cur?.text.trim();
}

/** A number from XML text (undefined when missing or not a number). */
export function numberAt(el: XmlElement | undefined, ...path: string[]): number | undefined {
  const t = textAt(el, ...path);
  if (t === undefined || t === '') return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}
