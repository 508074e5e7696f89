/**
 * The small JSONPath subset `filterBody` accepts: `$.a.b`, `$.items[0].id`, `$.items[*].token`,
 * `$..password` (any depth), `$['odd key']`. A leading `$` is optional (`user.token` works too).
 *
 * @module
 */

type Segment =
  | { kind: 'key'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'descend'; name: string }

const cache = new Map<string, Segment[]>()

/** Parse a path; throws a plain `Error` with the reason (callers wrap it with the option name). */
export function parseJsonPath(path: string): Segment[] {
  const cached = cache.get(path)
  if (cached) return cached
  const segments: Segment[] = []
  let i = 0
  if (path[0] === '$') i = 1
  else if (path[0] !== '.' && path[0] !== '[') path = `.${path}`
  const readName = (): string => {
    let name = ''
    while (i < path.length && path[i] !== '.' && path[i] !== '[') name += path[i++]
    return name
  }
  while (i < path.length) {
    const c = path[i]
    if (c === '.' && path[i + 1] === '.') {
      i += 2
      const name = readName()
      if (!name) throw new Error(`"${path}" has ".." without a field name after it`)
      segments.push({ kind: 'descend', name })
    } else if (c === '.') {
      i++
      const name = readName()
      if (!name) throw new Error(`"${path}" has an empty field name`)
      segments.push(name === '*' ? { kind: 'wildcard' } : { kind: 'key', name })
    } else if (c === '[') {
      const end = path.indexOf(']', i)
      if (end < 0) throw new Error(`"${path}" has a "[" without "]"`)
      const inner = path.slice(i + 1, end).trim()
      i = end + 1
      if (inner === '*') segments.push({ kind: 'wildcard' })
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) })
      else if (/^(['"]).*\1$/.test(inner)) segments.push({ kind: 'key', name: inner.slice(1, -1) })
      else throw new Error(`"${path}" has "[${inner}]": use [0], [*] or ['name']`)
    } else {
      throw new Error(`"${path}" is not a JSONPath like $.user.token`)
    }
  }
  cache.set(path, segments)
  return segments
}

/**
 * Replace every value the path selects with `replace(oldValue)`, in place. Returns how many
 * values were replaced.
 */
export function replaceAtPath(root: unknown, path: string, replace: (value: unknown) => unknown): number {
  const segments = parseJsonPath(path)
  // An explicit stack, not recursion: `$..name` descends any depth without growing the call stack.
  let count = 0
  const stack: Array<[unknown, number]> = [[root, 0]]
  while (stack.length) {
    const [node, at] = stack.pop()!
    if (typeof node !== 'object' || node === null) continue
    const segment = segments[at]!
    const last = at === segments.length - 1
    const container = node as Record<string, unknown>
    const visit = (key: string | number) => {
      if (!(key in container)) return
      if (last) {
        container[key as string] = replace(container[key as string])
        count++
      } else stack.push([container[key as string], at + 1])
    }
    switch (segment.kind) {
      case 'key':
        if (!Array.isArray(node)) visit(segment.name)
        break
      case 'index':
        if (Array.isArray(node)) visit(segment.index)
        break
      case 'wildcard':
        for (const key of Object.keys(container)) visit(Array.isArray(node) ? Number(key) : key)
        break
      case 'descend': {
        if (!Array.isArray(node)) visit(segment.name)
        for (const key of Object.keys(container)) {
          if (!Array.isArray(node) && key === segment.name) continue
          stack.push([container[key], at])
        }
        break
      }
    }
  }
  return count
}

/** A JSONPath for a key under a parent path: `$.a` + `b` → `$.a.b`, `$.a` + `x-y` → `$.a['x-y']`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `${parent}.${key}`
    : `${parent}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`
}
