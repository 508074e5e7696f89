/**
 * For a class that stands in for a platform class without its internal state (a `Response` or
 * `Request` made cheaply): every member of `platform.prototype` the class does not define itself is
 * served by a real platform object, `real(this)`, made when first needed. Taken from the platform's
 * prototype at load, so a member a later Node adds is served too. Then the class's prototype chain
 * goes through `platform.prototype`, so `instanceof` holds.
 */
export function standIn<T extends object>(
  ours: { prototype: T },
  platform: { prototype: object },
  real: (self: T) => object,
): void {
  for (const key of Reflect.ownKeys(platform.prototype)) {
    if (key === 'constructor' || Object.hasOwn(ours.prototype, key)) continue
    const descriptor = Object.getOwnPropertyDescriptor(platform.prototype, key)!
    if (typeof descriptor.value === 'function') {
      const method = descriptor.value as (...args: unknown[]) => unknown
      Object.defineProperty(ours.prototype, key, {
        configurable: true,
        writable: true,
        value(this: T, ...args: unknown[]) {
          return method.apply(real(this), args)
        },
      })
    } else if (descriptor.get) {
      const get = descriptor.get
      Object.defineProperty(ours.prototype, key, {
        configurable: true,
        get(this: T) {
          return get.call(real(this))
        },
      })
    }
  }
  Object.setPrototypeOf(ours.prototype, platform.prototype)
}
