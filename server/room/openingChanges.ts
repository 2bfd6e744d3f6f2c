/**
 * What a room changes of its board when it opens (`Room.load`): the format upgrade (`boardLoad.ts`),
 * an old vote brought into the record (`voteKeeping.ts`) and a case board's writers forgotten
 * (`writerNames.ts`); each of them asks its own question here. Read, never changed: the board-load
 * worker asks it of the board it restored, which joiners may be sent before the room opens only
 * when opening changes nothing (`earlyAnswers.ts`): a name the room forgets on opening must never
 * have been on the wire. A policy that changes the board in `loaded` adds its question here.
 */
import type * as Y from 'yjs'
import { needsFormatUpgrade } from '../../shared/board/records.ts'
import { keepsOldVoteOnOpening } from './voteKeeping.ts'
import { forgetsNamesOnOpening } from './writerNames.ts'

export const opensChanged = (doc: Y.Doc): boolean => needsFormatUpgrade(doc) || keepsOldVoteOnOpening(doc) || forgetsNamesOnOpening(doc)
