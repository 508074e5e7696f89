import { expect, test } from 'vitest'
import { standIn } from './delegate'

class Platform {
  readonly #secret: string
  constructor(secret: string) {
    this.#secret = secret
  }
  get name(): string {
    return `platform ${this.#secret}`
  }
  shout(suffix: string): string {
    return `${this.#secret.toUpperCase()}${suffix}`
  }
  whisper(): string {
    return this.#secret.toLowerCase()
  }
}

test('standIn: members the class lacks are served by a real object made on first use, and instanceof holds', () => {
  const made: string[] = []
  class Cheap {
    constructor(readonly value: string) {}
    whisper(): string {
      return `own ${this.value}`
    }
  }
  const reals = new WeakMap<Cheap, Platform>()
  standIn(Cheap, Platform, (self) => {
    let real = reals.get(self)
    if (!real) {
      made.push(self.value)
      real = new Platform(self.value)
      reals.set(self, real)
    }
    return real
  })
  const cheap = new Cheap('Abc') as Cheap & Platform
  expect(cheap).toBeInstanceOf(Platform)
  expect(cheap.whisper()).toBe('own Abc')
  expect(made).toEqual([])
  expect(cheap.name).toBe('platform Abc')
  expect(cheap.shout('!')).toBe('ABC!')
  expect(made).toEqual(['Abc'])
})
