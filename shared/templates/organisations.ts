/** Organisations that typically take part in a Produktionsnetzwerk, for the options' picklists. */
import type { Labels } from '../locale.ts'

export const typicalPartners: Labels[] = [
  { de: 'Jobcenter', en: 'Job centre' },
  { de: 'Agentur für Arbeit', en: 'Employment agency' },
  { de: 'Jugendamt', en: 'Youth welfare office' },
  { de: 'Gesundheitsamt', en: 'Public health office' },
  { de: 'Sozialamt', en: 'Social welfare office' },
  { de: 'Beratungsstellen', en: 'Counselling services' },
  { de: 'Schuldnerberatung', en: 'Debt counselling' },
  { de: 'Kita-Träger', en: 'Childcare providers' },
  { de: 'Schulen', en: 'Schools' },
  { de: 'Bildungsträger', en: 'Training providers' },
  { de: 'Arbeitgeber', en: 'Employers' },
  { de: 'Kammern (IHK, HWK)', en: 'Chambers of commerce and crafts' },
  { de: 'Familienzentrum', en: 'Family centre' },
  { de: 'Wohlfahrtsverband', en: 'Welfare association' },
  { de: 'Stadtverwaltung', en: 'City administration' },
  { de: 'Gleichstellungsbeauftragte', en: 'Equal opportunities officer' },
  { de: 'Frauenberatung / Frauenhaus', en: "Women's counselling / shelter" },
  { de: 'Wohnungswirtschaft', en: 'Housing companies' },
  { de: 'Selbsthilfe / Verband der Alleinerziehenden', en: 'Self-help / single parents’ association' },
  { de: 'Wohnungsamt', en: 'Housing office' },
  { de: 'Frühförderstelle', en: 'Early intervention service' },
  { de: 'Kindertagespflege', en: 'Childminders' },
  { de: 'Migrationsberatung', en: 'Migration counselling' },
]

