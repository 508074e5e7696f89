/**
 * Strings that match a JSON Schema `pattern` (an ECMA-262 regular expression, unanchored): literals,
 * escapes (`\d`, `\w`, `\s`, `\x41`, `\u0041`, escaped punctuation), classes with ranges and negation,
 * `.`, groups, alternation and quantifiers. Anchors and word boundaries are skipped; lookarounds and
 * backreferences are not sampled. Every result is checked against the pattern itself.
 *
 * @module
 */
import type { Random } from './hash'

type Node =
  | { kind: 'chars'; ranges: Array<[number, number]> }
  | { kind: 'group'; options: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number }

class Unsupported extends Error {}

const DIGIT: Array<[number, number]> = [[48, 57]]
const WORD: Array<[number, number]> = [
  [97, 122],
  [65, 90],
  [48, 57],
  [95, 95],
]
const LETTER: Array<[number, number]> = [[97, 122]]
const SPACE: Array<[number, number]> = [[32, 32]]
const NON_WORD: Array<[number, number]> = [[45, 45]]
// Beyond the smallest count, an open quantifier (`*`, `+`, `{n,}`) repeats at most this many more times.
const EXTRA_REPEATS = 3

const codeRange = (c: number): [number, number] => [c, c]

function parse(source: string): Node[][] {
  let i = 0

  function alternation(): Node[][] {
    const options = [sequence()]
    while (source[i] === '|') {
      i++
      options.push(sequence())
    }
    return options
  }

  function sequence(): Node[] {
    const nodes: Node[] = []
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const node = atom()
      if (node) nodes.push(quantified(node))
    }
    return nodes
  }

  function hex(length: number): number {
    const digits = source.slice(i, i + length)
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length) throw new Unsupported()
    i += length
    return Number.parseInt(digits, 16)
  }

  // After a backslash: a class escape (its ranges) or one character.
  function escapeRanges(): Array<[number, number]> | undefined {
    const c = source[i++]
    if (c === undefined) throw new Unsupported()
    switch (c) {
      case 'd':
        return DIGIT
      case 'D':
      case 'S':
        return LETTER
      case 'w':
        return WORD
      case 'W':
        return NON_WORD
      case 's':
        return SPACE
      case 'b':
      case 'B':
        return undefined
      case 'n':
        return [codeRange(10)]
      case 't':
        return [codeRange(9)]
      case 'r':
        return [codeRange(13)]
      case 'f':
        return [codeRange(12)]
      case 'v':
        return [codeRange(11)]
      case 'x':
        return [codeRange(hex(2))]
      case 'u': {
        if (source[i] !== '{') return [codeRange(hex(4))]
        const end = source.indexOf('}', i)
        if (end === -1) throw new Unsupported()
        const code = Number.parseInt(source.slice(i + 1, end), 16)
        i = end + 1
        return [codeRange(code)]
      }
      default:
        if (/[1-9kpP]/.test(c)) throw new Unsupported()
        return [codeRange(c.codePointAt(0)!)]
    }
  }

  function charClass(): Node {
    const negated = source[i] === '^'
    if (negated) i++
    const ranges: Array<[number, number]> = []
    while (i < source.length && source[i] !== ']') {
      let lo: number
      if (source[i] === '\\') {
        i++
        const escaped = escapeRanges() ?? [codeRange(8)]
        if (escaped.length !== 1 || escaped[0]![0] !== escaped[0]![1]) {
          ranges.push(...escaped)
          continue
        }
        lo = escaped[0]![0]
      } else {
        lo = source.codePointAt(i)!
        i += lo > 0xffff ? 2 : 1
      }
      if (source[i] === '-' && source[i + 1] !== undefined && source[i + 1] !== ']') {
        i++
        let hi: number
        if (source[i] === '\\') {
          i++
          const escaped = escapeRanges()
          if (escaped?.length !== 1 || escaped[0]![0] !== escaped[0]![1]) throw new Unsupported()
          hi = escaped[0]![0]
        } else {
          hi = source.codePointAt(i)!
          i += hi > 0xffff ? 2 : 1
        }
        ranges.push([lo, hi])
      } else {
        ranges.push(codeRange(lo))
      }
    }
    if (source[i] !== ']') throw new Unsupported()
    i++
    if (!negated) {
      if (ranges.length === 0) throw new Unsupported()
      return { kind: 'chars', ranges }
    }
    const allowed: Array<[number, number]> = []
    for (let code = 33; code < 127; code++) {
      if (!ranges.some(([lo, hi]) => code >= lo && code <= hi)) allowed.push(codeRange(code))
    }
    if (allowed.length === 0) throw new Unsupported()
    return { kind: 'chars', ranges: allowed }
  }

  function atom(): Node | undefined {
    const c = source[i]!
    if (c === '^' || c === '$') {
      i++
      return undefined
    }
    if (c === '(') {
      i++
      if (source.startsWith('?:', i)) i += 2
      else if (source.startsWith('?<', i) && !/^\?<[=!]/.test(source.slice(i))) {
        const end = source.indexOf('>', i)
        if (end === -1) throw new Unsupported()
        i = end + 1
      } else if (source[i] === '?') throw new Unsupported()
      const options = alternation()
      if (source[i] !== ')') throw new Unsupported()
      i++
      return { kind: 'group', options }
    }
    if (c === '[') {
      i++
      return charClass()
    }
    if (c === '.') {
      i++
      return { kind: 'chars', ranges: LETTER }
    }
    if (c === '\\') {
      i++
      const ranges = escapeRanges()
      return ranges ? { kind: 'chars', ranges } : undefined
    }
    const code = source.codePointAt(i)!
    i += code > 0xffff ? 2 : 1
    return { kind: 'chars', ranges: [codeRange(code)] }
  }

  function quantified(node: Node): Node {
    let min: number
    let max: number
    const c = source[i]
    if (c === '*' || c === '+' || c === '?') {
      i++
      min = c === '+' ? 1 : 0
      max = c === '?' ? 1 : min + EXTRA_REPEATS
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))
      if (!m) return node
      i += m[0].length
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + EXTRA_REPEATS
    } else {
      return node
    }
    if (source[i] === '?') i++
    return { kind: 'repeat', node, min, max }
  }

  const options = alternation()
  if (i !== source.length) throw new Unsupported()
  return options
}

function render(node: Node, random: Random, out: string[]): void {
  if (node.kind === 'chars') {
    const [lo, hi] = random.pick(node.ranges)
    out.push(String.fromCodePoint(random.int(lo, hi)))
  } else if (node.kind === 'group') {
    for (const child of random.pick(node.options)) render(child, random, out)
  } else {
    const times = random.int(node.min, node.max)
    for (let n = 0; n < times; n++) render(node.node, random, out)
  }
}

/**
 * A string that matches `pattern` and has `minLength`..`maxLength` code points, or undefined when
 * the pattern uses what the sampler cannot produce.
 *
 * @example
 * sampleMatching('^[A-Z]{3}-\\d{2}$', createRandom('seed'), 0, undefined) // → 'QKD-41'
 */
export function sampleMatching(
  pattern: string,
  random: Random,
  minLength: number,
  maxLength: number | undefined,
): string | undefined {
  let regex: RegExp
  let options: Node[][]
  try {
    regex = new RegExp(pattern, 'u')
    options = parse(pattern)
  } catch {
    return undefined
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const out: string[] = []
    render({ kind: 'group', options }, random, out)
    const text = out.join('')
    const length = [...text].length
    if (length >= minLength && (maxLength === undefined || length <= maxLength) && regex.test(text))
      return text
  }
  return undefined
}
