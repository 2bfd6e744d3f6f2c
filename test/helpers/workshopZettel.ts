/** What Zettel say in a workshop, for tests that fill templates: long compounds among them, which tldraw sets smaller to keep on a line. */
export const workshopZettel = [
  'Kinderbetreuung bei Terminen',
  'Sprechstunde im Familienzentrum',
  'Wer lädt ein?',
  'Datenschutz klären',
  'Netzwerkkoordination',
  'Elterncafé',
  'Übergang Kita – Schule',
  'Dolmetscherpool',
]
