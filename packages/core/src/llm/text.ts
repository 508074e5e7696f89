import { createRandom } from './hash'

/** Plain words: replies made of them read as text and never look like real data. */
export const WORDS = [
  'amber',
  'harbor',
  'quiet',
  'lantern',
  'meadow',
  'copper',
  'river',
  'signal',
  'orchard',
  'silver',
  'morning',
  'garden',
  'window',
  'paper',
  'compass',
  'marble',
  'summit',
  'canyon',
  'willow',
  'ember',
  'falcon',
  'glacier',
  'harvest',
  'island',
  'journey',
  'kettle',
  'ladder',
  'mirror',
  'nectar',
  'ocean',
  'pebble',
  'quartz',
  'ribbon',
  'saddle',
  'thunder',
  'velvet',
  'wander',
  'yellow',
  'zephyr',
  'bright',
  'gentle',
  'steady',
  'golden',
  'hidden',
  'little',
  'patient',
  'simple',
  'swift',
  'tidy',
  'warm',
  'walks',
  'finds',
  'holds',
  'builds',
  'carries',
  'follows',
  'opens',
  'keeps',
  'brings',
  'shows',
  'the',
  'a',
  'across',
  'beyond',
] as const

/**
 * A short sentence derived from `seed`: the unscripted reply. Same seed, same sentence.
 *
 * @example
 * deterministicText('chat:gpt-4o:hello') // → 'Quiet harbor keeps the amber lantern across silver meadow.'
 */
export function deterministicText(seed: string): string {
  const random = createRandom(seed)
  const count = random.int(8, 16)
  const words: string[] = []
  for (let i = 0; i < count; i++) words.push(random.pick(WORDS))
  const sentence = words.join(' ')
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`
}
