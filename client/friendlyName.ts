/** A friendly default name for people who have not picked one: adjective + animal. */
import type { Locale } from './i18n.ts'

type Gender = 'm' | 'f' | 'n'

// German adjectives agree with the noun's gender (ein flinker Fuchs, eine flinke Eule).
const germanEndings: Record<Gender, string> = { m: 'er', f: 'e', n: 'es' }
const germanAdjectives = ['flink', 'klug', 'mutig', 'fröhlich', 'neugierig', 'ruhig', 'wach', 'heiter', 'kühn', 'freundlich', 'listig', 'sanft']
const germanAnimals: Array<[string, Gender]> = [
  ['Fuchs', 'm'], ['Dachs', 'm'], ['Igel', 'm'], ['Otter', 'm'], ['Luchs', 'm'], ['Biber', 'm'],
  ['Eule', 'f'], ['Möwe', 'f'], ['Gämse', 'f'], ['Amsel', 'f'], ['Hummel', 'f'], ['Krähe', 'f'],
  ['Reh', 'n'], ['Eichhörnchen', 'n'], ['Murmeltier', 'n'], ['Wiesel', 'n'], ['Pony', 'n'], ['Faultier', 'n'],
]

const englishAdjectives = ['Swift', 'Clever', 'Brave', 'Cheerful', 'Curious', 'Calm', 'Bright', 'Bold', 'Gentle', 'Friendly', 'Sly', 'Merry']
const englishAnimals = ['Fox', 'Badger', 'Hedgehog', 'Otter', 'Lynx', 'Beaver', 'Owl', 'Gull', 'Chamois', 'Blackbird', 'Bumblebee', 'Crow', 'Deer', 'Squirrel', 'Marmot', 'Weasel', 'Pony', 'Sloth']

export function friendlyName(locale: Locale, random: () => number = Math.random): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length) % items.length]
  if (locale === 'en') return `${pick(englishAdjectives)} ${pick(englishAnimals)}`
  const adjective = pick(germanAdjectives)
  const [animal, gender] = pick(germanAnimals)
  return `${adjective[0].toUpperCase()}${adjective.slice(1)}${germanEndings[gender]} ${animal}`
}
