// The Netzwerkregeln's cell keys apart from its layout (`netzwerkregeln.ts`): what a Beschluss on
// the canvas and the results read without loading the template (issue 64).

/**
 * The keys carry routes write into (the Gründungsveranstaltung's first rules land in the rule
 * rows of the same keys) and the report's open items read: the layout below is built from them.
 */
export const netzwerkregelnCells = Object.freeze({
  regeln: Object.freeze({
    section: 'regeln',
    rows: Object.freeze({
      teilhabe: 'teilhabe',
      entscheidungen: 'entscheidungen',
      arbeitsgruppen: 'arbeitsgruppen',
      ziele: 'ziele',
      dokumentation: 'dokumentation',
      vertraulichkeit: 'vertraulichkeit',
      oeffentlichkeit: 'oeffentlichkeit',
      treffen: 'treffen',
      bindung: 'bindung',
      architektur: 'architektur',
    }),
    /** A further rule the network adds, numbered from 1. */
    extra: (n: number) => `r${n}`,
    col: Object.freeze({ regel: 'regel', vereinbartAm: 'vereinbartAm', verbindlichkeit: 'verbindlichkeit', wer: 'wer', ueberpruefung: 'ueberpruefung' }),
  }),
  partner: Object.freeze({
    section: 'partner',
    row: (i: number) => `p${i}`,
    col: Object.freeze({ bringt: 'bringt', bringtNicht: 'bringtNicht', ansprech: 'ansprech', austausch: 'austausch', datenschutz: 'datenschutz', konflikt: 'konflikt' }),
  }),
  beschluss: Object.freeze({
    section: 'beschluss',
    row: 'beschluss',
    col: Object.freeze({ am: 'am', naechste: 'naechste', wer: 'wer' }),
  }),
} as const)
