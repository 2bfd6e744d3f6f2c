/**
 * The board's wall (the Beamer, `client/beamerMemory.ts`) says so when it connects: it is nobody
 * on the board. While it presents it holds an awareness state for each slide's summon (its role
 * and the slide, for 20 s), and without this the relay would count it among the people present
 * in a vote, one more than there are. The relay believes it only of a facilitator's link: a wall
 * is one, and another link must not hide from the count.
 */
export const wallParam = { name: 'wall', value: '1' } as const
